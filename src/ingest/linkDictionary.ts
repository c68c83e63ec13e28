import type { EntityKind } from "../graph/records";
import { AliasAutomaton } from "./aliasAutomaton";
import { normalizeKey } from "./normalize";

/** What linking needs to know about one entity: read from the graph by `LinkDictionaryReader`. */
export interface DictionaryEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: readonly string[];
  /** Ids of the entities it is related to (bounded), for disambiguation by context. */
  neighbours: readonly string[];
}

export type MatchVia = "NAME" | "ALIAS";

/** One entity a key stands for. */
export interface KeyEntry {
  /** Index into `LinkDictionary.entities`. */
  entity: number;
  /** The entity's kind (for cue words and candidates' guesses). */
  kind: EntityKind;
  via: MatchVia;
  /** The name or alias as written in the graph. */
  form: string;
  /**
   * Short or all-capital forms ("Hu", "CPC", "SCIO") only match the text with the same letter case:
   * folded, "hu" and "cpc" would match ordinary words.
   */
  caseSensitive: boolean;
}

/** The automaton plus, for each of its keys, the entities it names. */
export interface LinkDictionary {
  entities: readonly DictionaryEntity[];
  automaton: AliasAutomaton;
  /** By key number (the automaton's pattern index). */
  entries: ReadonlyArray<readonly KeyEntry[]>;
  indexOf: ReadonlyMap<string, number>;
}

/** A form is matched with its letter case when it is an acronym or has at most three letters. */
export function isCaseSensitiveForm(form: string): boolean {
  const letters = form.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  if (letters.length <= 3) return true;
  const latin = form.replace(/[^\p{L}\p{N}]/gu, "");
  return latin.length <= 6 && latin === latin.toUpperCase() && /\p{Lu}/u.test(latin);
}

/** Builds the dictionary; a form that normalises to nothing (punctuation only) is skipped. */
export function buildLinkDictionary(entities: readonly DictionaryEntity[]): LinkDictionary {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const entries: KeyEntry[][] = [];
  const add = (key: string, entry: KeyEntry): void => {
    if (key.length === 0) return;
    let index = keyIndex.get(key);
    if (index === undefined) {
      index = keys.length;
      keyIndex.set(key, index);
      keys.push(key);
      entries.push([]);
    }
    const list = entries[index] ?? [];
    const same = list.find((e) => e.entity === entry.entity);
    if (same === undefined) list.push(entry);
    else if (same.via === "ALIAS" && entry.via === "NAME") Object.assign(same, entry);
  };
  entities.forEach((entity, i) => {
    add(normalizeKey(entity.name), {
      entity: i,
      kind: entity.kind,
      via: "NAME",
      form: entity.name,
      caseSensitive: isCaseSensitiveForm(entity.name),
    });
    for (const alias of entity.aliases) {
      add(normalizeKey(alias), {
        entity: i,
        kind: entity.kind,
        via: "ALIAS",
        form: alias,
        caseSensitive: isCaseSensitiveForm(alias),
      });
    }
  });
  return {
    entities,
    automaton: AliasAutomaton.build(keys),
    entries,
    indexOf: new Map(entities.map((e, i) => [e.id, i])),
  };
}
