// Types for the part of fs-native-extensions (OS file locks) that the data-directory lock uses.
declare module 'fs-native-extensions' {
  /** An exclusive lock on the whole file (Linux: an open-file-description lock); false when held elsewhere. */
  export function tryLock(fd: number): boolean;
  export function unlock(fd: number): void;
}
