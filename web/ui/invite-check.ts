/**
 * Checks what the page can check of an invite link before asking for a
 * name: that its token is a readable JWT with a plan and a role, that it
 * names the plan of the link and that it has not expired. The server still
 * verifies the signature and whether the invite was revoked when the
 * person joins. Returns the problem as a sentence, or null.
 */
export function inviteProblem(
  token: string,
  planId: string | null,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string | null {
  const claims = readPayload(token);
  if (claims === null) {
    return "This invite link is malformed: its token cannot be read. Copy the whole link again, or ask the plan owner for a new one.";
  }

  const { plan, role, exp } = claims;
  if (typeof plan !== "string" || typeof role !== "string") {
    return "This invite link is malformed: its token names no plan or role. Ask the plan owner for a new link.";
  }
  if (planId !== null && plan !== planId) {
    return `This invite link is invalid: its token is for plan "${plan}", but the link names plan "${planId}". Copy the whole link again.`;
  }
  if (typeof exp === "number" && exp <= nowSeconds) {
    const date = new Date(exp * 1000).toLocaleString();
    return `This invite link expired on ${date}. Ask the plan owner for a new one.`;
  }
  return null;
}

// Decodes the payload of a compact JWT (header.payload.signature, each
// base64url) without verifying it, or returns null when it is not one.
function readPayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof payload !== "object" || payload === null) return null;
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}
