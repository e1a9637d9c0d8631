# Pinned tree-sitter grammar sources come from npm (cmake/grammars/package-lock.json).
# They are installed into the build tree at configure time, never committed, and each
# grammar becomes one static C library: cio_grammar_<name>.

set(CIO_GRAMMAR_DIR "${CMAKE_BINARY_DIR}/grammars" CACHE PATH "Where the npm grammar packages are installed")
set(_lock "${CMAKE_CURRENT_LIST_DIR}/grammars/package-lock.json")
set(_stamp "${CIO_GRAMMAR_DIR}/.installed-lock")

set(_need_install TRUE)
if(EXISTS "${_stamp}")
  file(READ "${_stamp}" _old)
  file(READ "${_lock}" _new)
  if(_old STREQUAL _new)
    set(_need_install FALSE)
  endif()
endif()

if(_need_install)
  find_program(NPM_EXECUTABLE npm REQUIRED)
  message(STATUS "Installing pinned tree-sitter grammars with npm into ${CIO_GRAMMAR_DIR}")
  file(MAKE_DIRECTORY "${CIO_GRAMMAR_DIR}")
  file(COPY "${CMAKE_CURRENT_LIST_DIR}/grammars/package.json" "${_lock}" DESTINATION "${CIO_GRAMMAR_DIR}")
  execute_process(
    COMMAND "${NPM_EXECUTABLE}" ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund
    WORKING_DIRECTORY "${CIO_GRAMMAR_DIR}"
    RESULT_VARIABLE _npm_result
    OUTPUT_VARIABLE _npm_out ERROR_VARIABLE _npm_out)
  if(NOT _npm_result EQUAL 0)
    message(FATAL_ERROR "npm ci for the tree-sitter grammars failed:\n${_npm_out}")
  endif()
  file(COPY_FILE "${_lock}" "${_stamp}")
endif()

set(CIO_GRAMMAR_MODULES "${CIO_GRAMMAR_DIR}/node_modules")

# cio_add_grammar(<name> <dir relative to node_modules>)
function(cio_add_grammar name subdir)
  set(src "${CIO_GRAMMAR_MODULES}/${subdir}/src")
  set(files "${src}/parser.c")
  if(EXISTS "${src}/scanner.c")
    list(APPEND files "${src}/scanner.c")
  endif()
  add_library(cio_grammar_${name} STATIC ${files})
  # The grammar's own src/ first: its scanner includes <tree_sitter/parser.h> from there.
  target_include_directories(cio_grammar_${name} PRIVATE "${src}")
  set_target_properties(cio_grammar_${name} PROPERTIES
    C_STANDARD 11 POSITION_INDEPENDENT_CODE ON C_VISIBILITY_PRESET hidden)
  # Generated code: its warnings are not ours to fix.
  target_compile_options(cio_grammar_${name} PRIVATE -w -O2)
endfunction()

# The tree-sitter runtime, from the same npm install (the node binding ships its C
# sources): Debian 12's libtree-sitter 0.20.7 frees an invalid pointer when one node gets
# 2^16 children or nesting levels (65536 `//` lines in a row, 65536 unclosed brackets:
# tree-sitter issue 2134, fixed in 0.20.8), which a hostile file in a scanned folder can
# trigger. 0.22.4 is the newest runtime whose ABI range (13-14) matches the grammars.
# -DCIO_SYSTEM_TREE_SITTER=ON links the system library instead.
if(CIO_SYSTEM_TREE_SITTER)
  pkg_check_modules(TREESITTER REQUIRED IMPORTED_TARGET tree-sitter)
  add_library(cio_tree_sitter INTERFACE)
  target_link_libraries(cio_tree_sitter INTERFACE PkgConfig::TREESITTER)
else()
  set(_ts "${CIO_GRAMMAR_MODULES}/tree-sitter/vendor/tree-sitter/lib")
  add_library(cio_tree_sitter STATIC "${_ts}/src/lib.c")
  # PUBLIC and first: <tree_sitter/api.h> must be this runtime's, not /usr/include's.
  target_include_directories(cio_tree_sitter BEFORE PUBLIC "${_ts}/include" PRIVATE "${_ts}/src")
  set_target_properties(cio_tree_sitter PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(cio_tree_sitter PRIVATE -w)
  # ts::TreeIndex (core/syntax/node.h) sizes its arrays with ts_node_descendant_count
  # (0.21+; not in Debian's 0.20.7) and fills them with a walk of this runtime's subtrees
  # (core/syntax/ts_flatten.c, built here for the private headers).
  add_library(cio_ts_flatten OBJECT "${CMAKE_SOURCE_DIR}/core/syntax/ts_flatten.c")
  target_include_directories(cio_ts_flatten BEFORE PRIVATE "${_ts}/include" "${_ts}/src")
  set_target_properties(cio_ts_flatten PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(cio_ts_flatten PRIVATE -Wall -Wextra $<$<BOOL:${CIO_WERROR}>:-Werror>)
  target_sources(cio_tree_sitter PRIVATE $<TARGET_OBJECTS:cio_ts_flatten>)
  target_compile_definitions(cio_tree_sitter PUBLIC CIO_TS_FLATTEN)
endif()

cio_add_grammar(javascript tree-sitter-javascript)
cio_add_grammar(typescript tree-sitter-typescript/typescript)
cio_add_grammar(tsx tree-sitter-typescript/tsx)
cio_add_grammar(python tree-sitter-python)
cio_add_grammar(ruby tree-sitter-ruby)
cio_add_grammar(go tree-sitter-go)

set(CIO_GRAMMAR_TARGETS
  cio_grammar_javascript cio_grammar_typescript cio_grammar_tsx
  cio_grammar_python cio_grammar_ruby cio_grammar_go)

# Highlight queries travel with the grammars; the desktop app embeds them.
set(CIO_HIGHLIGHT_QUERIES
  javascript "${CIO_GRAMMAR_MODULES}/tree-sitter-javascript/queries/highlights.scm"
  jsx "${CIO_GRAMMAR_MODULES}/tree-sitter-javascript/queries/highlights-jsx.scm"
  typescript "${CIO_GRAMMAR_MODULES}/tree-sitter-typescript/queries/highlights.scm"
  python "${CIO_GRAMMAR_MODULES}/tree-sitter-python/queries/highlights.scm"
  ruby "${CIO_GRAMMAR_MODULES}/tree-sitter-ruby/queries/highlights.scm"
  go "${CIO_GRAMMAR_MODULES}/tree-sitter-go/queries/highlights.scm")
