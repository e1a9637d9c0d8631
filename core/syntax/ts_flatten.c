/* See ts_flatten.h. Compiled into the pinned tree-sitter runtime's library, whose private
 * headers describe the subtrees read here. */
#include "ts_flatten.h"

#include "language.h"
#include "length.h"
#include "subtree.h"

#include <stdlib.h>

typedef struct {
  Subtree parent;
  Length position; /* start of the next child (before its padding, past the first) */
  uint32_t child_index;
  uint32_t structural_child_index;
  const TSSymbol *alias_sequence;
  uint32_t owner; /* the visible node whose children these are */
  int depth;      /* depth of those children */
  bool own;       /* the owner's own child list, not a hidden node's */
} Frame;

typedef struct {
  Frame *items;
  size_t size, capacity;
} Stack;

static bool push(Stack *s, const TSLanguage *language, Subtree subtree, Length position, uint32_t owner, int depth,
                 bool own) {
  if (s->size == s->capacity) {
    const size_t capacity = s->capacity ? 2 * s->capacity : 64;
    Frame *items = realloc(s->items, capacity * sizeof(Frame));
    if (!items) return false;
    s->items = items;
    s->capacity = capacity;
  }
  s->items[s->size++] = (Frame){
      .parent = subtree,
      .position = position,
      .child_index = 0,
      .structural_child_index = 0,
      .alias_sequence = ts_language_alias_sequence(language, subtree.ptr->production_id),
      .owner = owner,
      .depth = depth,
      .own = own,
  };
  return true;
}

static void record(CioFlatTree *out, size_t i, TSNode node, uint32_t parent) {
  out->nodes[i] = (CioPackedNode){{node.context[0], node.context[1], node.context[2], node.context[3]}, node.id};
  out->symbols[i] = ts_node_symbol(node);
  out->parents[i] = parent;
  out->ends[i] = (uint32_t)(i + 1);
}

bool cio_ts_flatten(TSNode top, uint32_t parent, int top_depth, int depth_limit, CioFlatTree *out) {
  if (ts_node_is_null(top)) return true;
  if (out->count >= out->capacity) return false;
  const TSLanguage *language = ts_tree_language(top.tree);
  const size_t first = out->count++;
  record(out, first, top, parent);
  if (top_depth > out->depth) out->depth = top_depth;
  const Subtree top_subtree = *(const Subtree *)top.id;
  if (ts_subtree_child_count(top_subtree) == 0) return true;

  Stack stack = {NULL, 0, 0};
  const Length top_position = {ts_node_start_byte(top), ts_node_start_point(top)};
  bool ok = push(&stack, language, top_subtree, top_position, (uint32_t)first, top_depth + 1, true);
  while (ok && stack.size > 0) {
    Frame *f = &stack.items[stack.size - 1];
    if (f->child_index == f->parent.ptr->child_count) {
      if (f->own) out->ends[f->owner] = (uint32_t)out->count;
      --stack.size;
      continue;
    }
    /* The runtime's node child iterator, step for step. */
    const Subtree *child = &ts_subtree_children(f->parent)[f->child_index];
    TSSymbol alias = 0;
    if (!ts_subtree_extra(*child)) {
      if (f->alias_sequence) alias = f->alias_sequence[f->structural_child_index];
      f->structural_child_index++;
    }
    if (f->child_index > 0) f->position = length_add(f->position, ts_subtree_padding(*child));
    const Length position = f->position;
    f->position = length_add(f->position, ts_subtree_size(*child));
    f->child_index++;
    const uint32_t owner = f->owner;
    const int depth = f->depth;

    if (ts_subtree_visible(*child) || alias) {
      if (depth > out->depth) {
        out->depth = depth;
        if (depth > depth_limit) {
          out->too_deep = true;
          break;
        }
      }
      if (out->count >= out->capacity) {
        ok = false;
        break;
      }
      const TSNode node = {{position.bytes, position.extent.row, position.extent.column, alias}, child, top.tree};
      const size_t i = out->count++;
      record(out, i, node, owner);
      if (ts_subtree_child_count(*child) > 0)
        ok = push(&stack, language, *child, position, (uint32_t)i, depth + 1, true);
    } else if (ts_subtree_visible_child_count(*child) > 0) {
      /* A hidden node (a repetition, a supertype): its visible children are the owner's. */
      ok = push(&stack, language, *child, position, owner, depth, false);
    }
  }
  free(stack.items);
  return ok;
}
