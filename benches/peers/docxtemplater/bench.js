// docxtemplater writes N briefings from the template of make-template.py (issue 25, peer
// figure): one process, one document after another, each filled, zipped (DEFLATE) and
// written with fs.writeFileSync (no fsync, as docxtemplater's users do).
//
// Usage: node bench.js TEMPLATE.docx OUT_FOLDER N
// The data per spokesperson match the synthetic project's (benches/support/synthetic.rs):
// a name, 2 contacts and 4 meetings per conference.
"use strict";
const fs = require("fs");
const path = require("path");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

const [template, out, count] = process.argv.slice(2);
const content = fs.readFileSync(template, "binary");
fs.mkdirSync(out, { recursive: true });
for (let i = 0; i < Number(count); i++) {
  const data = {
    name: `Vorname${i} Nachname${i}`,
    kontakte: [0, 1].map((c) => ({
      name: `Kontakt${c} Person${i}`,
      funktion: c === 0 ? "Leitung der Geschäftsstelle" : "Referentin oder Referent",
      telefon: `030 ${String(i).padStart(5, "0")}${c}`,
      email: `kontakt${c}.person${i}@example.org`,
    })),
    termine: [0, 1, 2, 3].map((t) => ({
      datum: `${String(8 + t).padStart(2, "0")}./${String(9 + t).padStart(2, "0")}.02.2027`,
      sitzung: `Sitzung ${t}`,
      ort: "Berlin",
      bemerkung: t % 2 ? "Videokonferenz" : "",
    })),
  };
  const doc = new Docxtemplater(new PizZip(content), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  const bytes = doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
  fs.writeFileSync(path.join(out, `briefing-sprecher-${i}.docx`), bytes);
}
