import { Controller, Get, HttpCode, type INestApplication, Post, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import type { Response } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProblemFilter } from '../src/platform/http/problem.filter.js';
import {
  ResponseConformanceInterceptor,
  responseMismatches,
} from '../src/platform/http/response-conformance.js';
import { type DeclaredResponse, ZodResponse } from '../src/platform/http/zod.js';

const widget = z.object({
  id: z.string(),
  amountCents: z.number().int(),
  note: z.string().nullable(),
  lines: z.array(z.object({ code: z.string() })),
});

/** A controller whose handlers answer right and wrong, to see the check at work. */
@Controller('widgets')
class WidgetsController {
  @Get('good')
  @ApiOperation({ operationId: 'getGoodWidget' })
  @ZodResponse(200, widget)
  good() {
    return { id: 'w1', amountCents: 1250, note: null, lines: [{ code: 'A' }] };
  }

  @Get('wrong')
  @ApiOperation({ operationId: 'getWrongWidget' })
  @ZodResponse(200, widget)
  wrong(@Query('case') which: string) {
    if (which === 'missing') return { id: 'w1', note: null, lines: [] };
    if (which === 'float') return { id: 'w1', amountCents: 12.5, note: null, lines: [] };
    if (which === 'extra')
      return { id: 'w1', amountCents: 1, note: null, lines: [{ code: 'A', secret: 'x' }] };
    return { id: 'w1', amountCents: 1, note: null, lines: [], createdAt: new Date() };
  }

  @Post('created-or-not')
  @ApiOperation({ operationId: 'makeWidget' })
  @ZodResponse(201, widget)
  make(@Res({ passthrough: true }) res: Response) {
    res.status(200);
    return { id: 'w1', amountCents: 1, note: null, lines: [] };
  }

  @Post('nothing')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWidget' })
  @ZodResponse(204, null)
  nothing(): void {}

  @Get('undeclared')
  @ApiOperation({ operationId: 'getUndeclared' })
  undeclared() {
    return { ok: true };
  }

  @Get('csv')
  @ApiOperation({ operationId: 'getWidgetsCsv' })
  @ZodResponse(200, widget, 'JSON or CSV', { 'text/csv': z.string() })
  csv(@Res({ passthrough: true }) res: Response) {
    res.type('text/csv');
    return 'id\nw1\n';
  }
}

describe('the test-mode response conformance check', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [WidgetsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemFilter(pino({ level: 'silent' })));
    app.useGlobalInterceptors(new ResponseConformanceInterceptor());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets a body that matches its declared schema through unchanged', async () => {
    const res = await request(app.getHttpServer()).get('/widgets/good').expect(200);
    expect(res.body).toEqual({ id: 'w1', amountCents: 1250, note: null, lines: [{ code: 'A' }] });
    await request(app.getHttpServer()).post('/widgets/nothing').expect(204);
    const csv = await request(app.getHttpServer()).get('/widgets/csv').expect(200);
    expect(csv.text).toBe('id\nw1\n');
  });

  it('fails a deliberate mismatch with a 500 naming the operation and each zod issue', async () => {
    const missing = await request(app.getHttpServer()).get('/widgets/wrong?case=missing').expect(500);
    expect(missing.body).toMatchObject({
      type: 'https://spectrum-bridge.dev/problems/response-schema-mismatch',
      status: 500,
      detail: expect.stringMatching(/^getWrongWidget answered 200 with a response that does not match/),
      errors: [{ field: 'amountCents', code: 'invalid-type' }],
    });
    const float = await request(app.getHttpServer()).get('/widgets/wrong?case=float').expect(500);
    expect(float.body.errors).toEqual([
      expect.objectContaining({ field: 'amountCents', message: expect.stringMatching(/int/i) }),
    ]);
  });

  it('fails a field the schema does not declare, nested ones too, after JSON serialisation', async () => {
    const nested = await request(app.getHttpServer()).get('/widgets/wrong?case=extra').expect(500);
    expect(nested.body.errors).toEqual([
      {
        field: 'lines[0].secret',
        code: 'undeclared-field',
        message: 'is sent but not in the response schema',
      },
    ]);
    const date = await request(app.getHttpServer()).get('/widgets/wrong?case=date').expect(500);
    expect(date.body.errors).toEqual([
      expect.objectContaining({ field: 'createdAt', code: 'undeclared-field' }),
    ]);
  });

  it('fails a status the operation does not declare, and an operation that declares none', async () => {
    const status = await request(app.getHttpServer()).post('/widgets/created-or-not').expect(500);
    expect(status.body.detail).toMatch(/makeWidget answered 200/);
    expect(status.body.errors).toEqual([
      { code: 'undeclared-status', message: 'answered 200; declared statuses: 201' },
    ]);
    const none = await request(app.getHttpServer()).get('/widgets/undeclared').expect(500);
    expect(none.body.errors[0]).toMatchObject({
      code: 'undeclared-status',
      message: expect.stringMatching(/none/),
    });
  });

  it('responseMismatches: a content type that is not declared, and a body where none is declared', () => {
    const declared: DeclaredResponse[] = [
      { status: 200, content: { 'application/json': widget } },
      { status: 204, content: {} },
    ];
    expect(responseMismatches(declared, 200, 'text/html; charset=utf-8', '<p>')).toEqual([
      {
        code: 'undeclared-content-type',
        message: 'answered text/html; declared content types: application/json',
      },
    ]);
    expect(responseMismatches(declared, 204, undefined, { id: 'x' })).toEqual([
      { code: 'unexpected-body', message: 'answered 204 with a body where none is declared' },
    ]);
    expect(responseMismatches(declared, 204, undefined, undefined)).toEqual([]);
  });
});
