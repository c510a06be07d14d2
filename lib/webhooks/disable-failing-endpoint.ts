import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";

/**
 * Called when a message was given up after all its retries (about a day of
 * failures): if nothing reached the endpoint since that message was queued,
 * the endpoint is disabled and the workspace's owners and admins are told by
 * mail. It is enabled again under Settings → Webhooks or with PATCH
 * { disabled: false }.
 */
export async function disableFailingEndpoint(scope: Scope, endpointId: string, failingSince: Date): Promise<boolean> {
  const delivered = await scope.db.webhookMessage.count({
    where: { endpointId, status: "delivered", deliveredAt: { gte: failingSince } },
  });
  if (delivered > 0) return false;
  const disabled = await scope.db.webhookEndpoint.updateMany({
    where: { id: endpointId, disabledAt: null },
    data: { disabledAt: new Date() },
  });
  if (disabled.count === 0) return false;
  const endpoint = await scope.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { url: true } });
  const admins = await scope.db.membership.findMany({
    where: { role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
  });
  const workspace = await scope.db.workspace.findUnique({ where: { id: scope.workspaceId }, select: { slug: true } });
  for (const { user } of admins) {
    await sendMail({
      to: user.email,
      subject: `Webhook endpoint disabled: ${endpoint?.url ?? endpointId}`,
      text:
        `Deliveries to ${endpoint?.url ?? endpointId} have failed since ${failingSince.toISOString()}, ` +
        `through every retry, so LoopLlama stopped sending to it.\n\n` +
        `See its delivery log and enable it again at ${env().APP_URL}/w/${workspace?.slug ?? ""}/settings/webhooks\n`,
    });
  }
  return true;
}
