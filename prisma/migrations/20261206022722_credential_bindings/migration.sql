-- AlterEnum
ALTER TYPE "CredentialKind" ADD VALUE 'ollama';

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "baseUrl" TEXT,
ADD COLUMN     "hosts" TEXT[] DEFAULT ARRAY[]::TEXT[];


-- Existing http and mcp tokens stay usable where they could already go: the
-- workspace's HTTP allowlist and the hosts of the MCP servers that use them.
UPDATE "Credential" c SET "hosts" = w."httpAllowlist"
FROM "Workspace" w
WHERE c."workspaceId" = w.id AND c.kind IN ('http', 'mcp');

UPDATE "Credential" c SET "hosts" = ARRAY(
  SELECT DISTINCT h FROM unnest(c."hosts" || ARRAY(
    SELECT lower(substring(m.url from '^[a-zA-Z]+://([^/:?#]+)'))
    FROM "McpServer" m WHERE m."credentialId" = c.id
  )) AS h WHERE h IS NOT NULL
)
WHERE c.kind IN ('http', 'mcp');
