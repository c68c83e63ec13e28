/**
 * The README's example queries ("Five queries to start with"), one tab each, named so that each
 * tab has a title; a unit test checks that each body is the README's.
 */
export const EXAMPLES: Array<{ title: string; query: string }> = [
  {
    title: "Find an entity",
    query: `query FindAnEntity { search(text: "Chongqing", first: 5) { score entity { id kind name aliases description } } }`,
  },
  {
    title: "Who holds which role",
    query: `query WhoHoldsWhichRole {
  entities(kind: PERSON, first: 20) {
    edges { node { name relationships(types: ["HOLDS_ROLE"], direction: OUT, first: 10) {
      edges { node { to { name relationships(types: ["ROLE_IN"], direction: OUT, first: 5) { edges { node { to { name } } } } } } }
    } } }
  }
}`,
  },
  {
    title: "The figures about Chongqing, with their sources",
    query: `query FiguresAboutChongqing {
  statistics(subject: "place:chongqing") {
    totalCount
    edges { node { metric value unit comparator period citations { quote context(chars: 80) document { title } } } }
  }
}`,
  },
  {
    title: "What Zheng Xiangdong said",
    query: `query WhatZhengXiangdongSaid { quotes(speaker: "person:zheng-xiangdong") { edges { node { text about { name } citation { quote } } } } }`,
  },
  {
    title: "The relationships of the ILSTC",
    query: `query RelationshipsOfTheIlstc {
  entity(id: "initiative:new-international-land-sea-trade-corridor") {
    name aliases
    relationships { edges { node { type properties from { name } to { name } citations { quote } } } }
  }
  neighborhood(id: "initiative:new-international-land-sea-trade-corridor", depth: 2, limit: 50) {
    nodes { id name } relationships { type from { id } to { id } } truncated
  }
  paths(from: "person:zheng-xiangdong", to: "place:istanbul", maxLength: 4) { length nodes { name } relationships { type } }
}`,
  },
];
