// The layers of the code base, lowest first. A module may import from its own layer and
// the layers below it, never from one above: the domain knows nothing of the database,
// the models know nothing of search or of the pages, and nothing but the entry points
// (pages, workers, scripts, the web server) knows about the entry points.
// Our own code is imported through one alias style, "#<folder>/<path>.ts" (package.json
// "imports"), so a module's layer can be read off the import itself.
export const LAYERS = [
  { name: "domain", files: ["app/domain/**", "app/i18n/**", "app/data/**"] },
  { name: "lib", files: ["app/lib/**"] },
  { name: "models", files: ["app/models/**"] },
  { name: "search and import", files: ["search/**", "app/import/**"] },
  {
    name: "entry points",
    files: [
      "app/routes/**",
      "app/components/**",
      "app/root.tsx",
      "app/entry.server.tsx",
      "app/routes.ts",
      "workers/**",
      "scripts/**",
      "server/**",
      "bench/**",
    ],
  },
];

/** The import specifiers that reach each layer. */
// (Regular expressions: in the glob form of the rule a leading "#" starts a comment.)
const REACHES = {
  domain: ["#app/(domain|i18n|data)/"],
  lib: ["#app/lib/"],
  models: ["#app/models/"],
  "search and import": ["#search/", "#app/import/"],
  "entry points": ["#app/(routes|components)/", "#app/(root|entry\\.server)\\.tsx", "#(workers|scripts|server|bench|tests)/"],
};

const ALIAS_ONLY = {
  regex: "^(\\.{1,2}|~)/",
  message: 'Import our own code as "#<folder>/<path>.ts" (package.json "imports"), one style everywhere.',
};
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**"];

export const layerRules = [
  ...LAYERS.map((layer, i) => {
    const above = LAYERS.slice(i + 1);
    const patterns = [ALIAS_ONLY];
    if (above.length) {
      patterns.push({
        regex: `^(${above.flatMap((l) => REACHES[l.name]).join("|")})`,
        message: `The ${layer.name} layer may not import from a layer above it (${above.map((l) => l.name).join(", ")}). Move the shared code down, or pass it in.`,
      });
    }
    const paths =
      layer.name === "entry points"
        ? [
            {
              name: "#app/lib/db.server.ts",
              importNames: ["getPrisma"],
              message: "Pages and components reach the database through a model module (app/models), never getPrisma().",
            },
            // A POST is answered through formAction(), which checks sign-in and the CSRF token for every action alike.
            {
              name: "#app/lib/request.server.ts",
              importNames: ["readForm"],
              message: "Answer a POST with formAction() (app/lib/action.server.ts), which reads the form.",
            },
            {
              name: "#app/lib/csrf.server.ts",
              importNames: ["verifyCsrf"],
              message: "Answer a POST with formAction() (app/lib/action.server.ts), which verifies the CSRF token.",
            },
          ]
        : [];
    return { files: layer.files, ignores: TESTS, rules: { "no-restricted-imports": ["error", { patterns, paths }] } };
  }),
  // Workers, scripts, the server and benches may use the database directly; pages may not.
  {
    files: ["workers/**", "scripts/**", "server/**", "bench/**"],
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { patterns: [ALIAS_ONLY] }] },
  },
  { files: TESTS, rules: { "no-restricted-imports": ["error", { patterns: [ALIAS_ONLY] }] } },
];
