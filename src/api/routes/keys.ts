import { Type } from '@sinclair/typebox';
import type { RouteDef } from '../route.js';

const NodeKeyBody = Type.Object({
  id: Type.String({ description: '`ed25519:` + first 16 hex digits of SHA-256 of the DER SPKI key' }),
  algorithm: Type.Literal('Ed25519'),
  publicKey: Type.String({ description: 'SPKI PEM' }),
  use: Type.Literal('report-signing'),
});

/**
 * The node's public keys, to verify the signatures of its report documents
 * (`vigil report verify --key`). Public keys are no secret, but the route still asks for the
 * weakest action, `read`: the API has no anonymous surface beyond login and liveness, and a
 * partner fetches the key once, over an authenticated channel it already trusts.
 */
export const KEY_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/keys', action: 'read', tags: ['system'], summary: 'Public keys of this node (report signing)',
    schema: { response: { 200: Type.Object({ keys: Type.Array(NodeKeyBody) }) } },
    async handler(_req, _reply, ctx) {
      const k = ctx.nodeKey;
      return { keys: [{ id: k.keyId, algorithm: 'Ed25519' as const, publicKey: k.publicKeyPem, use: 'report-signing' as const }] };
    },
  },
];
