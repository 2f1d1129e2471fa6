/** The part of a connection that its room calls. */
export interface RoomMember {
  readonly id: string;
  readonly personId: string | null;
  /** Invite id when the socket was opened with an invite token itself. */
  readonly inviteId: string | null;
  /** True when the member's role may write this room. */
  readonly mayWrite: boolean;
  /**
   * Awareness client ids this connection has announced, removed when it leaves.
   */
  readonly awarenessClients: Set<number>;
  /**
   * Called once the room has loaded. Until then the member queues its messages.
   */
  start(): void;
  send(message: Uint8Array): void;
  /**
   * Sends several messages in order, written to the socket together when
   * the member can. Without it the room calls `send` for each.
   */
  sendMany?(messages: Uint8Array[]): void;
  close(code: number, reason: string): void;
}

/** An update of a batch that was stored, to send to the members but `from`. */
export interface OutgoingUpdate {
  from: RoomMember;
  message: Uint8Array;
}

/**
 * Sends each update of a batch to every started member but its sender,
 * in order, through one `sendMany` call per member.
 */
export function sendBatch(
  members: Iterable<RoomMember>,
  outgoing: OutgoingUpdate[],
): void {
  if (outgoing.length === 0) return;
  for (const member of members) {
    const messages = [];
    for (const { from, message } of outgoing) {
      if (from !== member) messages.push(message);
    }
    if (messages.length === 0) continue;
    if (member.sendMany) member.sendMany(messages);
    else for (const message of messages) member.send(message);
  }
}

export function isMember(
  origin: unknown,
  members: Set<RoomMember>,
): origin is RoomMember {
  return members.has(origin as RoomMember);
}
