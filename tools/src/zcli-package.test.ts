// `zcli apps:package` has no offline mode: it zips the folder, then POSTs it to
// https://{subdomain}.{domain}/api/v2/apps/validate (reference/zendesk.md §2.1). Its URL is
// concatenated, so subdomain "127" and domain "0.0.1:<port>" reach a loopback HTTPS mock
// (§2.4). This proves zcli packages our folder and speaks the upload contract; it does not
// apply Zendesk's own rules (zendesk-rules.ts ports those).
import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppFolder } from './app-files.js';
import { REPO_ROOT } from './build/paths.js';
import { buildIntoTemp } from './testing/app-copy.js';
import { readZip } from './zip-reader.js';

const ZCLI = join(REPO_ROOT, 'node_modules/.bin/zcli');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const run = promisify(execFile);

interface Seen {
  method: string;
  url: string;
  authorization: string;
  contentType: string;
  body: Buffer;
}

describe.skipIf(!hasOpenssl)('zcli apps:package against a loopback validate endpoint', () => {
  let built: Awaited<ReturnType<typeof buildIntoTemp>>;
  let dir: string;
  let server: Server;
  let port: number;
  const seen: Seen[] = [];
  let reply = { status: 200, body: '{}' };

  beforeAll(async () => {
    built = await buildIntoTemp();
    dir = await mkdtemp(join(tmpdir(), 'frontline-zcli-'));
    // A throwaway certificate for 127.0.0.1, trusted by zcli through NODE_EXTRA_CA_CERTS.
    const cert = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { encoding: 'utf8' },
    );
    if (cert.status !== 0) throw new Error(`openssl could not make a test certificate: ${cert.stderr}`);
    server = createServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) });
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          authorization: req.headers.authorization ?? '',
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
    await built?.dispose();
  });

  const zcliPackage = async (): Promise<{ code: number; out: string }> => {
    const app = await mkdtemp(join(dir, 'app-'));
    await cp(built.result.zendesk.app, app, { recursive: true });
    try {
      const { stdout, stderr } = await run(ZCLI, ['apps:package', app], {
        env: {
          PATH: process.env.PATH,
          HOME: dir, // no stored profile: zcli must take the env credentials and not try keytar
          ZENDESK_SUBDOMAIN: '127',
          ZENDESK_DOMAIN: `0.0.1:${port}`,
          ZENDESK_EMAIL: 'ci@frontline.example',
          ZENDESK_API_TOKEN: 'not-a-token',
          NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
        },
        timeout: 60_000,
      });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  it('packages the built app and uploads exactly its files for validation', async () => {
    seen.length = 0;
    reply = { status: 200, body: '{}' };
    const { code, out } = await zcliPackage();
    expect(out).toContain('Package created at');
    expect(code).toBe(0);

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/api/v2/apps/validate');
    expect(request!.authorization).toBe(
      `Basic ${Buffer.from('ci@frontline.example/token:not-a-token').toString('base64')}`,
    );
    expect(request!.contentType).toMatch(/^multipart\/form-data; boundary=/);

    const boundary = request!.contentType.split('boundary=')[1]!;
    const start = request!.body.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const end = request!.body.indexOf(`\r\n--${boundary}`, start);
    const uploaded = readZip(request!.body.subarray(start, end));
    const files = [...uploaded.keys()].filter((p) => !p.endsWith('/')).sort();
    const ours = await readAppFolder(built.result.zendesk.app);
    expect(files).toEqual([...ours.files.keys()].sort());
    for (const path of files) expect(uploaded.get(path)!.equals(ours.files.get(path)!), path).toBe(true);
  });

  it("fails with Zendesk's description when validation refuses the package", async () => {
    reply = { status: 400, body: JSON.stringify({ description: 'Missing required field in manifest: author' }) };
    const { code, out } = await zcliPackage();
    expect(code).not.toBe(0);
    expect(out).toContain('Missing required field in manifest: author');
  });
});
