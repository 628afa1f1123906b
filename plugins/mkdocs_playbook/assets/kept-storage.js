// What a widget keeps in the browser's storage (localStorage in the page, any Storage in tests),
// with no DOM. Storage can be refused (privacy modes, disabled) or full (quota): then values are
// kept in memory for the visit, the page keeps working, nothing already stored is touched to make
// room, and the widget is told once, through `onTrouble(kind)`, so it can tell the reader.

/** Whether a storage error says the storage is full (each browser names it its own way). */
function isFull(error) {
  return error?.name === "QuotaExceededError" || error?.name === "NS_ERROR_DOM_QUOTA_REACHED";
}

export class KeptStorage {
  /**
   * `openStorage()` returns the Storage (it may throw: storage disabled); every key is under
   * `prefix`. `onTrouble("unavailable" | "full")` is called at most once per store.
   */
  constructor(prefix, openStorage, onTrouble = () => {}) {
    this.prefix = prefix;
    this.memory = new Map(); // name -> text, or null once removed
    this.onTrouble = onTrouble;
    this.told = false;
    this.storage = null;
    let candidate = null;
    try {
      candidate = openStorage();
      const probe = `${prefix}probe`;
      candidate.setItem(probe, "1");
      candidate.removeItem(probe);
      this.storage = candidate;
    } catch (error) {
      // Full: what was kept before is still there to read, and the first write refused says
      // so. Disabled or blocked: kept in memory; the widget asks `persistent` what to say.
      if (isFull(error)) this.storage = candidate;
    }
  }

  /** Whether what is kept outlives the visit. */
  get persistent() {
    return this.storage !== null;
  }

  /** The text kept under `name`, or null. */
  get(name) {
    if (this.memory.has(name)) return this.memory.get(name);
    try {
      return this.storage?.getItem(this.prefix + name) ?? null;
    } catch {
      return null;
    }
  }

  /** Every name kept under the prefix, for the visit too: one pass over the storage, so a
   * widget with many names need not look up each one that is not there. */
  names() {
    const found = new Set();
    try {
      for (let index = 0; index < (this.storage?.length ?? 0); index += 1) {
        const key = this.storage.key(index);
        if (key?.startsWith(this.prefix)) found.add(key.slice(this.prefix.length));
      }
    } catch {
      // Unreadable: only what this visit kept is known.
    }
    for (const [name, text] of this.memory) {
      if (text === null) found.delete(name);
      else found.add(name);
    }
    return found;
  }

  /** Keep `text` under `name`: in storage when it can be, always for the visit. */
  set(name, text) {
    this.memory.set(name, text);
    if (this.storage === null) return;
    try {
      this.storage.setItem(this.prefix + name, text);
    } catch {
      this.tell("full");
    }
  }

  remove(name) {
    this.memory.set(name, null);
    try {
      this.storage?.removeItem(this.prefix + name);
    } catch {
      // Nothing to undo: the memory copy already says it is gone.
    }
  }

  tell(kind) {
    if (this.told) return;
    this.told = true;
    this.onTrouble(kind);
  }
}

/**
 * Ask the browser to keep the site's storage when space runs low (`navigator.storage.persist`),
 * at a moment the reader shows they mean to keep what they do (studying, a backup). Resolves to
 * whether it will; false where the browser has no such request. Never rejects.
 */
export async function askToKeep() {
  try {
    return (await navigator.storage?.persist?.()) === true;
  } catch {
    return false;
  }
}

/** Whether the browser has agreed to keep the site's storage (see `askToKeep`). */
export async function isKept() {
  try {
    return (await navigator.storage?.persisted?.()) === true;
  } catch {
    return false;
  }
}
