import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspSession } from '../lspClient';
import { DIST, EXAMPLES, REPO_ROOT } from '../paths';

// textDocument/hover on the bundled server: the schedule and step hovers of core/language/hover.ts
// arrive as Markdown with the range they are about.

const SERVER = join(DIST, 'server.js');

function uriOf(name: string): string {
  return pathToFileURL(join(REPO_ROOT, '.lsp-test', `${name}.scaling.json`)).toString();
}

describe('language server: hover', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start(SERVER);
  });
  after(() => lsp.dispose());

  async function hoverOn(uri: string, text: string, needle: string, into = 2): Promise<Hover | null> {
    const offset = text.indexOf(needle) + into;
    return lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: lsp.document(uri).positionAt(offset),
    });
  }

  it('announces hover support', () => {
    assert.equal(lsp.initializeResult?.capabilities.hoverProvider, true);
  });

  it('hovers a Schedule with its words and next runs as Markdown, over the string', async () => {
    const uri = uriOf('hover-schedule');
    const text = readFileSync(join(EXAMPLES, 'scheduled-scaling.scaling.json'), 'utf8');
    await lsp.openAndWait(uri, text);
    const hover = await hoverOn(uri, text, '"cron(0 8 ? * MON-FRI *)"');
    assert.ok(hover);
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /at 08:00 on Monday to Friday, Europe\/Berlin/);
    assert.match(contents.value, /\| Europe\/Berlin \| UTC \|/);
    const doc = lsp.document(uri);
    assert.equal(
      text.slice(doc.offsetAt(hover.range!.start), doc.offsetAt(hover.range!.end)),
      '"cron(0 8 ? * MON-FRI *)"',
    );
  });

  it('hovers a step adjustment with its absolute interval', async () => {
    const uri = uriOf('hover-steps');
    const text = readFileSync(join(EXAMPLES, 'step-scaling.scaling.json'), 'utf8');
    await lsp.openAndWait(uri, text);
    const hover = await hoverOn(uri, text, '"MetricIntervalLowerBound": 50');
    assert.match((hover?.contents as MarkupContent).value, /is in \*\*\[150, \+∞\)\*\*/);
  });

  it('answers null elsewhere', async () => {
    const uri = uriOf('hover-schedule');
    assert.equal(await hoverOn(uri, lsp.document(uri).getText(), '"ResourceId"', 3), null);
  });
});
