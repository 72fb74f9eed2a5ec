/**
 * A fresh self-signed certificate for a simulator that serves https, as most Altaro installs
 * do (contract §1). Made with the system's `openssl` at start, never committed: a client
 * trusts it only by being handed `certPem` as its CA file, just as it would trust a real
 * install's self-signed certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCertificate {
  keyPem: string;
  /** The certificate, also its own CA: what a client's `tls.caFile` holds. */
  certPem: string;
}

/** For localhost, 127.0.0.1 and ::1, valid ten years; CA:TRUE so it can be its own trust anchor. */
export function selfSignedCertificate(commonName = 'localhost'): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', key, '-out', cert, '-days', '3650', '-subj', `/CN=${commonName}`,
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
        '-addext', 'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8') };
  } catch (error) {
    throw new Error(`cannot make a self-signed certificate with openssl (is it installed?): ${(error as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
