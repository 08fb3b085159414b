#!/bin/sh
# Copies the bundled site (content/**/*.md, book.toml) and the test fixtures into the fuzz
# corpora as seeds; run `cargo fuzz cmin <target> -- -use_counters=0 -max_len=4096` afterwards.
set -eu
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/front_matter fuzz/corpus/directives fuzz/corpus/markdown fuzz/corpus/book_toml
for f in $(find content tests/testsuite/fixtures -name '*.md'); do
    name="seed-$(echo "$f" | tr '/' '-')"
    cp "$f" "fuzz/corpus/front_matter/$name"
    cp "$f" "fuzz/corpus/markdown/$name"
    # The body alone: what follows the front matter.
    awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$f" \
        > "fuzz/corpus/directives/$name"
done
for f in book.toml $(find tests/testsuite/fixtures -name book.toml); do
    cp "$f" "fuzz/corpus/book_toml/seed-$(echo "$f" | tr '/' '-')"
done
