/** Raised when nothing at all can be answered: the message is a sentence the user can act on. */
export class LibraryError extends Error {
  override name = "LibraryError";
}
