// Copies the front-end files the web app needs from node_modules into the package's static/vendor/.
// Run after `npm ci --ignore-scripts`; nothing is fetched at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "consilience", "web", "static", "vendor");

const files = {
  "world-atlas/countries-110m.json": "countries-110m.json",
  "world-atlas/LICENSE": "LICENSE-world-atlas",
  "d3-array/dist/d3-array.min.js": "d3-array.min.js",
  "d3-array/LICENSE": "LICENSE-d3-array",
  "d3-geo/dist/d3-geo.min.js": "d3-geo.min.js",
  "d3-geo/LICENSE": "LICENSE-d3-geo",
  "topojson-client/dist/topojson-client.min.js": "topojson-client.min.js",
  "topojson-client/LICENSE": "LICENSE-topojson-client",
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
  "swagger-ui-dist/LICENSE": "LICENSE-swagger-ui",
};

mkdirSync(vendor, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(modules, from), join(vendor, to));
  console.log(`vendored ${from} -> static/vendor/${to}`);
}
