/** The part of a room that the cluster fan-out calls. */
export interface ClusterRoom {
  readonly name: string;
  /** Applies an update another node stored as `seq` and sends it to members. */
  applyRemoteUpdate(update: Uint8Array, seq: number): void;
  /** Applies an awareness update from another node's members. */
  applyRemoteAwareness(update: Uint8Array): void;
  /** Encodes every awareness state the room has, or returns null when none. */
  encodeAwarenessStates(): Uint8Array | null;
  /**
   * Reads the updates stored after the room's last known seq and sends what
   * its members lack.
   */
  catchUp(): Promise<void>;
}

/** The other server nodes of a cluster, reached through pub/sub. */
export interface RoomPeers {
  /** Subscribes to a room's messages. Call it before loading the room. */
  join(room: ClusterRoom): Promise<void>;
  /** Asks the other nodes to publish the awareness states of a room. */
  queryAwareness(room: string): void;
  leave(room: ClusterRoom): void;
  /** Tells the other nodes about an update stored as `seq`. */
  publishUpdate(room: string, seq: number, update: Uint8Array): void;
  /** Sends an awareness update of this node's members to the other nodes. */
  publishAwareness(room: string, update: Uint8Array): void;
}
