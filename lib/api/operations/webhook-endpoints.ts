import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf, pageOf } from "@/lib/http/openapi-schemas";
import {
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from "@/lib/webhooks/response-schemas";
import {
  createWebhookEndpointSchema,
  listWebhookDeliveriesQuery,
  updateWebhookEndpointSchema,
} from "@/lib/webhooks/schemas";

const TAG = "Webhooks";
const id = { id: "Webhook endpoint id." };

export const listWebhookEndpoints = defineOperation({
  method: "get",
  path: "/api/v1/webhook-endpoints",
  operationId: "listWebhookEndpoints",
  permission: "workspace.update",
  summary: "Outgoing webhook endpoints of the workspace (owner or admin)",
  tag: TAG,
  responses: { 200: { description: "The endpoints, oldest first.", schema: listOf(webhookEndpointSchema) } },
  errors: [403],
});

export const createWebhookEndpoint = defineOperation({
  method: "post",
  path: "/api/v1/webhook-endpoints",
  operationId: "createWebhookEndpoint",
  permission: "workspace.update",
  summary: "Register an endpoint for the workspace's events, signed per Standard Webhooks",
  description: "The answer carries the signing secret (`whsec_…`); it is never shown again.",
  tag: TAG,
  body: createWebhookEndpointSchema,
  maxBodyBytes: 16_384,
  responses: { 201: { description: "The endpoint and its secret.", schema: webhookEndpointWithSecretSchema } },
  errors: [403],
});

export const getWebhookEndpoint = defineOperation({
  method: "get",
  path: "/api/v1/webhook-endpoints/{id}",
  operationId: "getWebhookEndpoint",
  permission: "workspace.update",
  summary: "One webhook endpoint",
  tag: TAG,
  pathParams: id,
  responses: { 200: { description: "The endpoint.", schema: webhookEndpointSchema } },
  errors: [403, 404],
});

export const updateWebhookEndpoint = defineOperation({
  method: "patch",
  path: "/api/v1/webhook-endpoints/{id}",
  operationId: "updateWebhookEndpoint",
  permission: "workspace.update",
  summary: "Change an endpoint's URL, events or description, or disable and enable it",
  tag: TAG,
  pathParams: id,
  body: updateWebhookEndpointSchema,
  maxBodyBytes: 16_384,
  responses: { 200: { description: "The endpoint.", schema: webhookEndpointSchema } },
  errors: [403, 404],
});

export const deleteWebhookEndpoint = defineOperation({
  method: "delete",
  path: "/api/v1/webhook-endpoints/{id}",
  operationId: "deleteWebhookEndpoint",
  permission: "workspace.update",
  summary: "Remove an endpoint and its delivery log",
  tag: TAG,
  pathParams: id,
  responses: { 200: { description: "The removed endpoint.", schema: webhookEndpointSchema } },
  errors: [403, 404],
});

export const rotateWebhookEndpointSecret = defineOperation({
  method: "post",
  path: "/api/v1/webhook-endpoints/{id}/rotate",
  operationId: "rotateWebhookEndpointSecret",
  permission: "workspace.update",
  summary: "A new signing secret; the old one keeps signing beside it for 24 hours",
  tag: TAG,
  pathParams: id,
  responses: { 200: { description: "The endpoint and its new secret.", schema: webhookEndpointWithSecretSchema } },
  errors: [403, 404],
});

export const listWebhookDeliveries = defineOperation({
  method: "get",
  path: "/api/v1/webhook-endpoints/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  permission: "workspace.update",
  summary: "The endpoint's delivery log, newest first",
  tag: TAG,
  pathParams: id,
  query: listWebhookDeliveriesQuery,
  responses: { 200: { description: "A page of deliveries.", schema: pageOf(webhookDeliverySchema) } },
  errors: [403, 404],
});

export const sendTestWebhook = defineOperation({
  method: "post",
  path: "/api/v1/webhook-endpoints/{id}/test",
  operationId: "sendTestWebhook",
  permission: "workspace.update",
  summary: "Send a webhook.test event to the endpoint",
  tag: TAG,
  pathParams: id,
  responses: { 202: { description: "The queued delivery.", schema: webhookDeliverySchema } },
  errors: [403, 404],
});

export const redeliverWebhook = defineOperation({
  method: "post",
  path: "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver",
  operationId: "redeliverWebhook",
  permission: "workspace.update",
  summary: "Send a delivered or failed message again, with the same webhook-id",
  tag: TAG,
  pathParams: { ...id, deliveryId: "Delivery (message) id." },
  responses: { 202: { description: "The delivery, queued again.", schema: webhookDeliverySchema } },
  errors: [403, 404],
});

export const webhookEndpointOperations: readonly ApiOperation[] = [
  listWebhookEndpoints,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookEndpointSecret,
  listWebhookDeliveries,
  sendTestWebhook,
  redeliverWebhook,
];
