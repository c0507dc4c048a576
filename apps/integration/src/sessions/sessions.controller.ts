import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseCookie as parseCookies, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/auth.guard.js';
import type { Env } from '../config/env.js';
import { ApiProblems, ZodBody, ZodResponse } from '../platform/http/zod.js';
import { ENV } from '../platform/tokens.js';
import { assertCsrfHeader } from './csrf.js';
import { sessionSchema, signInOptionsSchema } from './sessions.schemas.js';
import { SESSION_COOKIE, SessionsService } from './sessions.service.js';

const signInBody = z.union([
  z.object({ token: z.string().trim().min(1).max(200) }).strict(),
  z.object({ demoUser: z.string().trim().min(1).max(100) }).strict(),
]);

/** Browser sign-in: a personal token (or a demo user in demo mode) is exchanged for an HttpOnly session cookie. */
@ApiTags('session')
@Controller('session')
export class SessionsController {
  constructor(
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get('options')
  @Public()
  @ApiOperation({
    operationId: 'getSignInOptions',
    summary: 'What the sign-in page offers (demo users in demo mode only)',
  })
  @ZodResponse(200, signInOptionsSchema)
  options() {
    return this.sessions.options();
  }

  @Post()
  @HttpCode(201)
  @Public()
  @ZodBody(signInBody)
  @ApiOperation({
    operationId: 'signIn',
    summary: 'Sign in with a personal token (or a demo user): sets the HttpOnly session cookie',
  })
  @ZodResponse(201, sessionSchema, 'Signed in; the session cookie is set')
  @ApiProblems(401, 429)
  async signIn(
    @Body() body: z.infer<typeof signInBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { cookie, user, expiresAt } = await this.sessions
      .signIn(body, req.ip ?? 'unknown')
      .catch((e: unknown) => {
        const wait = (e as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (wait) res.setHeader('Retry-After', String(wait));
        throw e;
      });
    res.setHeader('Set-Cookie', this.cookie(cookie, expiresAt));
    return {
      user: {
        id: user.id,
        name: user.name,
        level: user.level,
        canPushToAccounting: user.canPushToAccounting,
      },
      expiresAt: expiresAt.toISOString(),
    };
  }

  @Delete()
  @HttpCode(204)
  @Public()
  @ApiOperation({
    operationId: 'signOut',
    summary: 'Sign out: ends the session on the server and clears the cookie (send the CSRF header)',
  })
  @ZodResponse(204, null, 'Signed out; the cookie is cleared')
  @ApiProblems(403)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (cookie) assertCsrfHeader(req);
    await this.sessions.signOut(cookie);
    res.setHeader('Set-Cookie', this.cookie('', new Date(0)));
  }

  private cookie(value: string, expires: Date): string {
    return stringifySetCookie({
      name: SESSION_COOKIE,
      value,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.env.COOKIE_SECURE ?? this.env.NODE_ENV === 'production',
      path: '/',
      expires,
    });
  }
}
