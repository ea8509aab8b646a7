// Parses Mermaid files with Mermaid's own parser (run by TestMermaidParses from
// a folder where `npm install mermaid jsdom` was run) and prints, as JSON, for
// each file either the parse error or the nodes as [id, text].
import { JSDOM } from 'jsdom';
import fs from 'fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

const results = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = diagram.db.getVertices();
    const entries = vertices instanceof Map ? [...vertices.entries()] : Object.entries(vertices);
    results.push({ file, nodes: entries.map(([id, v]) => [id, v.text]) });
  } catch (e) {
    results.push({ file, error: String(e).slice(0, 2000) });
  }
}
process.stdout.write(JSON.stringify(results));
