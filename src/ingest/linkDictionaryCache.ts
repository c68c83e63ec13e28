import type { DictionaryEntity, LinkDictionary } from "./linkDictionary";
import { buildLinkDictionary } from "./linkDictionary";

/** Where the dictionary comes from: the graph (`LinkDictionaryRepository`) or, in tests, anything else. */
export interface DictionarySource {
  graphVersion(): Promise<number>;
  readAll(): Promise<DictionaryEntity[]>;
  /**
   * False when the changes after seq `from` up to `to` touched nothing the dictionary holds (only
   * documents, mentions, statistics, quotes): the dictionary is then kept, without a rebuild.
   * Absent: every move of the version rebuilds.
   */
  dictionaryChanged?(from: number, to: number): Promise<boolean>;
}

export interface CachedDictionary {
  dictionary: LinkDictionary;
  /** The change-log seq the dictionary was read at (or after). */
  version: number;
  builtInMs: number;
}

/**
 * The alias automaton, kept current without a restart: each `get()` asks the graph for its
 * change-log seq (one small read, skipped when the last check is younger than `checkIntervalMs`)
 * and rebuilds when it moved. The version is read before the entities, so a write landing during
 * a rebuild makes the next `get()` rebuild again rather than keep a stale dictionary. Concurrent
 * callers share one rebuild.
 */
export class LinkDictionaryCache {
  private current: CachedDictionary | null = null;
  private building: Promise<CachedDictionary> | null = null;
  private checkedAt = -Infinity;
  /** Rebuilds done so far (tests and metrics). */
  rebuilds = 0;
  /** Version moves that needed no rebuild (only documents, mentions, statistics or quotes changed). */
  skipped = 0;

  constructor(
    private readonly source: DictionarySource,
    private readonly options: { checkIntervalMs: number; now?: () => number } = { checkIntervalMs: 0 },
  ) {}

  async get(): Promise<CachedDictionary> {
    const now = (this.options.now ?? Date.now)();
    if (this.current !== null && now - this.checkedAt < this.options.checkIntervalMs) return this.current;
    if (this.building !== null) return this.building;
    const version = await this.source.graphVersion();
    this.checkedAt = now;
    if (this.current !== null && this.current.version === version) return this.current;
    if (this.building !== null) return this.building;
    const current = this.current;
    if (current !== null && version > current.version && this.source.dictionaryChanged) {
      // An ingest or a statistic moves the version too: no reason to read every entity again.
      if (!(await this.source.dictionaryChanged(current.version, version))) {
        const kept = this.current === current ? { ...current, version } : (this.current ?? current);
        this.current = kept;
        this.skipped += 1;
        return kept;
      }
      if (this.building !== null) return this.building;
    }
    this.building = this.rebuild(version).finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async rebuild(version: number): Promise<CachedDictionary> {
    const started = performance.now();
    const entities = await this.source.readAll();
    const built: CachedDictionary = {
      dictionary: buildLinkDictionary(entities),
      version,
      builtInMs: Math.round(performance.now() - started),
    };
    this.current = built;
    this.rebuilds += 1;
    return built;
  }
}
