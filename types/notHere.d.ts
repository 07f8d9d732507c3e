// What a module resolves to in a folder that may not use it: each folder's tsconfig.json
// maps the modules outside its boundary here with "paths" (see ARCHITECTURE.md). Without
// it, `import 'vscode'` or `import '@aws-sdk/…'` would quietly resolve from node_modules
// anywhere, whatever "types" says; with it, any use fails to compile and says why.
declare const notHere: 'This module is outside this folder’s boundary: see its tsconfig.json and ARCHITECTURE.md';
export = notHere;
