import type { ExportableType, ItemType } from '@bridge/rules';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EXPORTERS, type Exporter, type KeyKind } from './exporter.js';

const isExporter = (v: unknown): v is Exporter =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Exporter).prepare === 'function' &&
  typeof (v as Exporter).check === 'function' &&
  'type' in v;

/** Every registered `Exporter`, found through the `EXPORTERS` providers of all modules at start-up. */
@Injectable()
export class ExporterRegistry implements OnModuleInit {
  private readonly byType = new Map<ExportableType, Exporter>();

  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.token !== EXPORTERS) continue;
      const value: unknown = wrapper.instance;
      for (const e of Array.isArray(value) ? value : [value]) if (isExporter(e)) this.register(e);
    }
  }

  register(exporter: Exporter): void {
    const other = this.byType.get(exporter.type);
    if (other && other !== exporter) throw new Error(`two exporters for ${exporter.type}`);
    this.byType.set(exporter.type, exporter);
  }

  /** The exporter of a type; a type without one is a programming error (the API validates types first). */
  of(type: ExportableType | ItemType): Exporter {
    const e = this.byType.get(type as ExportableType);
    if (!e) throw new TypeError(`no exporter is registered for ${type}`);
    return e;
  }

  types(): ExportableType[] {
    return [...this.byType.keys()];
  }

  /**
   * Where keys of one kind may already be reserved: the request types that write that kind of Spectrum record, and
   * every link type their items' sync states live on (a job number may be held by a project's or a job's link).
   */
  scopeOf(kind: KeyKind): { requestTypes: ExportableType[]; linkTypes: ItemType[] } {
    const same = [...this.byType.values()].filter((e) => e.keyKind === kind);
    return {
      requestTypes: same.map((e) => e.type),
      linkTypes: [...new Set(same.flatMap((e) => [...e.linkTypes]))],
    };
  }
}
