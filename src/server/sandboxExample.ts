/** The operation Apollo Sandbox opens with in development: a first look at the graph. */
export const SANDBOX_EXAMPLE = `# Find Chongqing, then follow its links and figures.
query FirstLook {
  search(text: "Chongqing", first: 3) {
    score
    entity {
      id
      kind
      name
      aliases
      statistics(first: 5) {
        totalCount
        edges { node { metric value unit comparator period citations { quote } } }
      }
      relationships(first: 5) {
        edges { node { type from { name } to { name } } }
      }
    }
  }
}
`;
