import { z } from "zod";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import {
  credentialDeletedSchema,
  credentialReferenceSchema,
  credentialResponseSchema,
} from "@/lib/credentials/response-schemas";
import {
  createCredentialSchema,
  listCredentialsQuerySchema,
  updateCredentialSchema,
  rotateCredentialSchema,
} from "@/lib/credentials/schemas";

const id = { id: "Credential id." };

/** The credentials vault: owners and admins (sessions only; API tokens get 403), except the reference list. */
export const listCredentials = defineOperation({
  method: "get",
  path: "/api/v1/credentials",
  operationId: "listCredentials",
  summary: "Credentials of the workspace (owner or admin; any member with ?view=reference)",
  tag: "Credentials",
  query: listCredentialsQuerySchema,
  responses: {
    200: {
      description: "Credentials (never their secrets); with ?view=reference only ids, names, kinds and bindings.",
      schema: listOf(z.union([credentialResponseSchema, credentialReferenceSchema])),
    },
  },
  errors: [403],
});

export const createCredential = defineOperation({
  method: "post",
  path: "/api/v1/credentials",
  operationId: "createCredential",
  maxBodyBytes: 16 * 1024,
  permission: "credentials.manage",
  summary: "Save a secret, encrypted at rest; it is never shown again",
  tag: "Credentials",
  body: createCredentialSchema,
  responses: { 201: { description: "The credential, without its secret.", schema: credentialResponseSchema } },
  errors: [403, 409],
});

export const getCredential = defineOperation({
  method: "get",
  path: "/api/v1/credentials/{id}",
  operationId: "getCredential",
  permission: "credentials.manage",
  summary: "One credential, without its secret",
  tag: "Credentials",
  pathParams: id,
  responses: { 200: { description: "The credential.", schema: credentialResponseSchema } },
  errors: [403, 404],
});

export const updateCredential = defineOperation({
  method: "patch",
  path: "/api/v1/credentials/{id}",
  operationId: "updateCredential",
  permission: "credentials.manage",
  summary: "Rename a credential or change where it may be sent",
  tag: "Credentials",
  pathParams: id,
  body: updateCredentialSchema,
  responses: { 200: { description: "The credential.", schema: credentialResponseSchema } },
  errors: [400, 403, 404, 409],
});

export const deleteCredential = defineOperation({
  method: "delete",
  path: "/api/v1/credentials/{id}",
  operationId: "deleteCredential",
  permission: "credentials.manage",
  summary: "Delete a credential for good",
  tag: "Credentials",
  pathParams: id,
  responses: {
    200: { description: "Deleted.", schema: credentialDeletedSchema },
  },
  errors: [403, 404],
});

export const rotateCredential = defineOperation({
  method: "post",
  path: "/api/v1/credentials/{id}/rotate",
  operationId: "rotateCredential",
  maxBodyBytes: 16 * 1024,
  permission: "credentials.manage",
  summary: "Replace a credential's secret",
  tag: "Credentials",
  pathParams: id,
  body: rotateCredentialSchema,
  responses: { 200: { description: "The credential with its new last four.", schema: credentialResponseSchema } },
  errors: [403, 404],
});

export const credentialOperations: readonly ApiOperation[] = [
  listCredentials,
  createCredential,
  getCredential,
  updateCredential,
  deleteCredential,
  rotateCredential,
];
