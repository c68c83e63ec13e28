import type { CypherExecutor } from "../graph/executor";
import { LinkDictionaryRepository } from "../graph/linkDictionaryRepository";
import { DEFAULT_LINK_THRESHOLDS, type LinkThresholds } from "./disambiguate";
import { LinkDictionaryCache } from "./linkDictionaryCache";
import { linkText, type LinkResult } from "./linkText";

export interface LinkerOptions extends LinkThresholds {
  /** INGEST_DICTIONARY_CHECK_MS: how often the graph's version is asked for. */
  dictionaryCheckIntervalMs: number;
}

export const DEFAULT_LINKER_OPTIONS: LinkerOptions = {
  ...DEFAULT_LINK_THRESHOLDS,
  dictionaryCheckIntervalMs: 1_000,
};

/**
 * What ingestDocument links with: one dictionary per process (built on first use from the graph,
 * kept current through the change log's version), and the configured thresholds. Shared by every
 * request, so it reads through the service's executor, not a request's.
 */
export class DocumentLinker {
  readonly cache: LinkDictionaryCache;

  constructor(
    executor: CypherExecutor,
    private readonly options: LinkerOptions = DEFAULT_LINKER_OPTIONS,
  ) {
    this.cache = new LinkDictionaryCache(new LinkDictionaryRepository(executor), {
      checkIntervalMs: options.dictionaryCheckIntervalMs,
    });
  }

  async link(text: string): Promise<LinkResult> {
    const { dictionary } = await this.cache.get();
    return linkText(text, dictionary, {
      acceptThreshold: this.options.acceptThreshold,
      contextMargin: this.options.contextMargin,
    });
  }
}

const defaults = new WeakMap<CypherExecutor, DocumentLinker>();

/** The linker of an executor with the default options (in-process tests and tools that build no app). */
export function defaultLinkerOf(executor: CypherExecutor): DocumentLinker {
  let linker = defaults.get(executor);
  if (linker === undefined) {
    linker = new DocumentLinker(executor);
    defaults.set(executor, linker);
  }
  return linker;
}
