// The manifest asks for exactly the scopes the built code needs: dist/Code.js (and any HTML beside it) is
// scanned for the services it calls and compared with appsscript.json's oauthScopes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtCode, ROOT } from '../build/bundle';
import { requiredScopes } from './scopes';

function builtProject(): string {
  const code = builtCode();
  const dist = join(ROOT, 'dist');
  const html = existsSync(dist)
    ? readdirSync(dist)
        .filter((f) => f.endsWith('.html'))
        .map((f) => readFileSync(join(dist, f), 'utf8'))
    : [];
  return [code, ...html].join('\n');
}

test('appsscript.json oauthScopes equal the scopes of the services dist/Code.js calls: none extra, none missing', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes?: string[] };
  const scan = requiredScopes(builtProject());
  expect(scan.unknownServices).toEqual([]);
  expect([...(manifest.oauthScopes ?? [])].sort()).toEqual(scan.scopes);
});

test('the scan maps call sites to scopes, and names a service it does not know', () => {
  expect(requiredScopes('SpreadsheetApp.getActiveSpreadsheet().getName()').scopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ]);
  expect(requiredScopes('SpreadsheetApp.openById(id)').scopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets',
  ]);
  expect(requiredScopes('var e = Session.getActiveUser().getEmail();').scopes).toEqual([
    'https://www.googleapis.com/auth/userinfo.email',
  ]);
  expect(requiredScopes('Session.getScriptTimeZone()').scopes).toEqual([]);
  expect(requiredScopes('UrlFetchApp.fetch(url)').scopes).toEqual([
    'https://www.googleapis.com/auth/script.external_request',
  ]);
  expect(requiredScopes('ui.showSidebar(html); MailApp.getRemainingDailyQuota()').scopes).toEqual([
    'https://www.googleapis.com/auth/script.container.ui',
  ]);
  expect(requiredScopes('ScriptApp.AuthMode.NONE; LockService.getDocumentLock()').scopes).toEqual([]);
  expect(requiredScopes('YouTubeApp.search(q)').unknownServices).toEqual(['YouTubeApp']);
});
