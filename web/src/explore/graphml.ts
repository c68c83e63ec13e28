/** The drawn scene as GraphML (what is visible, filters applied), for yEd, Gephi or networkx. */
export interface ExportNode {
  id: string;
  name: string;
  kind: string;
}

export interface ExportEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

export function toGraphml(nodes: ExportNode[], edges: ExportEdge[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph id="scene" edgedefault="directed">',
    ...nodes.map(
      (n) =>
        `    <node id="${escapeXml(n.id)}"><data key="name">${escapeXml(n.name)}</data><data key="kind">${escapeXml(n.kind)}</data></node>`,
    ),
    ...edges.map(
      (e) =>
        `    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"><data key="type">${escapeXml(e.type)}</data></edge>`,
    ),
    "  </graph>",
    "</graphml>",
    "",
  ];
  return lines.join("\n");
}
