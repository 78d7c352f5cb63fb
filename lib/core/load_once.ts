/**
 * `load` run at the first call, its promise shared by every caller; after a failure the next call loads
 * again (a venue's pairs: loaded once per process, but not lost to one network error).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().then(undefined, (e) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}
