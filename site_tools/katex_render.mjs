// Renders TeX with the pinned KaTeX, one JSON request per line on stdin, one reply per line on stdout.
// Request: {"tex": "...", "display": true|false}; reply: {"html": "..."} or {"error": "..."}.
// One process serves a whole build, so Node starts once, not once per formula.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import readline from "node:readline";

const require = createRequire(import.meta.url);
const katex = require(process.argv[2] || "katex");
const macros = JSON.parse(readFileSync(process.argv[3], "utf8"));

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { tex, display } = JSON.parse(line);
  let reply;
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: "error",
      trust: false,
      output: "htmlAndMathml",
      macros: { ...macros },
    });
    reply = { html };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
