import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from "jose";

export interface SigningKey {
  alg: "RS256" | "ES256" | "EdDSA";
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** The public key as PEM: what an attacker would use as an HMAC secret (algorithm confusion). */
  publicPem: string;
}

export async function makeSigningKey(alg: SigningKey["alg"], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}),
  });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { alg, kid, privateKey, publicKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

export interface JwksServer {
  url: string;
  /** How many times the JWKS was fetched. */
  requests(): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (random port) serving `{ keys }` as an identity provider would. */
export async function startJwksServer(keys: SigningKey[]): Promise<JwksServer> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    if (req.url !== "/.well-known/jwks.json") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
