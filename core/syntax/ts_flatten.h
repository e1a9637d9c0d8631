/* A fast pre-order flattening of a tree-sitter subtree, for ts::TreeIndex (node.h).
 *
 * The public cursor API costs hundreds of instructions a step on a minified bundle (its
 * sibling step re-derives the parent's child iterator each time and climbs through the
 * hidden nodes that hold long repetitions). This walk reads the runtime's subtrees
 * directly, as the runtime's own node iterator does, so it is tied to the pinned runtime
 * (CIO_TS_FLATTEN is defined where that runtime is built; with Debian's 0.20.7 the index
 * uses the cursor). tests/core/test_treeindex.cpp checks it against the cursor walk. */
#pragma once

#include <tree_sitter/api.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A node without its tree: TSNode's context and id. */
typedef struct {
  uint32_t context[4];
  const void *id;
} CioPackedNode;

/* Arrays of `capacity` entries each, filled from index `count` on. */
typedef struct {
  CioPackedNode *nodes;
  TSSymbol *symbols;
  uint32_t *parents;
  uint32_t *ends; /* one past the last node of each node's subtree */
  size_t capacity;
  size_t count;
  int depth;     /* deepest depth seen (never lowered) */
  bool too_deep; /* a node lay deeper than the limit: the arrays are incomplete */
} CioFlatTree;

/* Appends `top` (at `top_depth`, below the node at index `parent`, or UINT32_MAX) and
 * its visible descendants in pre-order: the nodes a TSTreeCursor's first-child and
 * next-sibling steps visit, with the same TSNode values. Stops at the first node deeper
 * than `depth_limit` (too_deep). False when the arrays are too small (nothing is then
 * to be trusted) or memory ran out. */
bool cio_ts_flatten(TSNode top, uint32_t parent, int top_depth, int depth_limit, CioFlatTree *out);

#ifdef __cplusplus
}
#endif
