import { CloseCode } from "./close-codes.ts";
import type { Logger } from "./log.ts";
import type { RoomName } from "./roles.ts";
import { Room, type RoomMember, type RoomOptions } from "./room.ts";

export interface RoomRegistryOptions extends RoomOptions {
  /** Milliseconds a room without connections stays loaded. */
  roomIdleMs: number;
}

/** The rooms in memory: loads a room on first use and unloads it when idle. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly options: RoomRegistryOptions;
  private readonly logger: Logger;

  constructor(options: RoomRegistryOptions) {
    this.options = options;
    this.logger = options.logger;
  }

  /** Returns the room, loading it when it is not in memory. */
  acquire(roomName: RoomName): Room {
    this.cancelIdleTimer(roomName.name);
    const existing = this.rooms.get(roomName.name);
    if (existing) return existing;

    const room = new Room(roomName, this.options);
    this.rooms.set(room.name, room);
    room.load().catch((error: unknown) => this.failLoad(room, error));
    return room;
  }

  /**
   * Schedules an empty room to unload after the idle time. Call it when a
   * member leaves.
   */
  release(room: Room): void {
    if (room.members.size > 0 || this.rooms.get(room.name) !== room) return;
    this.cancelIdleTimer(room.name);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.name);
      if (room.members.size === 0) this.unload(room);
    }, this.options.roomIdleMs);
    this.idleTimers.set(room.name, timer);
  }

  /** Returns the room by name when it is in memory. */
  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  names(): string[] {
    return [...this.rooms.keys()];
  }

  /**
   * Closes the connections to a plan's rooms (plan and review) that `match`
   * selects, with 4403 and `reason`. Returns how many it closed.
   */
  closeMembers(
    planId: string,
    match: (member: RoomMember) => boolean,
    reason: string,
  ): number {
    let closed = 0;
    for (const room of this.rooms.values()) {
      if (room.planId !== planId) continue;
      for (const member of [...room.members]) {
        if (!match(member)) continue;
        member.close(CloseCode.FORBIDDEN, reason);
        closed += 1;
      }
    }
    return closed;
  }

  /** Unloads every room. Call it after closing all connections. */
  unloadAll(): void {
    for (const room of [...this.rooms.values()]) this.unload(room);
  }

  private unload(room: Room): void {
    this.cancelIdleTimer(room.name);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    const wasLoaded = room.state === "ready";
    room.unload();
    if (wasLoaded) {
      this.logger.info({ room: room.name }, "room unloaded");
      this.options.events.emit("room-unloaded", { room: room.name });
    }
  }

  private failLoad(room: Room, error: unknown): void {
    this.logger.error({ err: error, room: room.name }, "room failed to load");
    room.state = "failed";
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    for (const member of [...room.members]) {
      member.close(
        CloseCode.INTERNAL_ERROR,
        "The server could not load this plan; reconnect later.",
      );
    }
    room.unload();
  }

  private cancelIdleTimer(name: string): void {
    const timer = this.idleTimers.get(name);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(name);
  }
}
