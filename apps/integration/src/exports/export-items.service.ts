import type { ExportableType, IntegrationFacts, ItemType } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { type ItemCheck, type PreflightSource, STORED } from './exporter.js';
import { ExporterRegistry } from './exporter.registry.js';

/**
 * The PM items that travel through the export queue, through their type's `Exporter`: where each one's sync state
 * lives (its link), how its row is locked, and its send check.
 */
@Injectable()
export class ExportItemsService {
  constructor(
    @Inject(ExporterRegistry) private readonly exporters: ExporterRegistry,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  label(type: ExportableType): string {
    return this.exporters.of(type).label;
  }

  /** The link an item's sync state lives on: the first of its type's link types that exists, else the first. */
  async linkOf(type: ExportableType, id: string): Promise<{ link: LinkView | null; linkType: ItemType }> {
    const [first, ...others] = this.exporters.of(type).linkTypes;
    const own = await this.links.forItem(first, id);
    if (own || others.length === 0) return { link: own, linkType: first };
    for (const linkType of others) {
      const link = await this.links.forItem(linkType, id);
      if (link) return { link, linkType };
    }
    return { link: null, linkType: others[others.length - 1] ?? first };
  }

  lock(type: ExportableType, id: string): Promise<void> {
    return this.exporters.of(type).lock(id);
  }

  /**
   * The send check of an item (null when it does not exist): the one `@bridge/rules` check of its type, with the
   * Spectrum facts from `source` (PRE-1). The same check gives `blockedBy.sendToErp`, refuses `sendToErp`, and runs
   * again at accept on fresh Spectrum data.
   */
  async check(
    type: ExportableType,
    id: string,
    facts: IntegrationFacts,
    source: PreflightSource = STORED,
  ): Promise<ItemCheck | null> {
    const exporter = this.exporters.of(type);
    const { link, linkType } = await this.linkOf(type, id);
    const found = await exporter.check(id, { facts, source, link });
    return found ? { ...found, label: exporter.label, link, linkType } : null;
  }
}
