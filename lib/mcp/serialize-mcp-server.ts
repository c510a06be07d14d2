export const mcpServerSelect = { id: true, name: true, url: true, credentialId: true, createdAt: true } as const;

export function serializeMcpServer(row: {
  id: string;
  name: string;
  url: string;
  credentialId: string | null;
  createdAt: Date;
}) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
