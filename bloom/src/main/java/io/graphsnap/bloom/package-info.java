/**
 * A cache-line-blocked Bloom filter over UTF-8 keys (symbol names), queried in place over mapped memory.
 *
 * <p>Life cycle:
 * <ol>
 *   <li><b>build</b>: {@code var b = new BloomFilterBuilder(expectedKeys); b.add(nameUtf8); …}
 *       (mutable, single-use, one thread);
 *   <li><b>serialise</b>: {@code b.writeTo(sectionBuffer)} writes exactly {@code b.serializedSize()}
 *       little-endian bytes in the {@link io.graphsnap.bloom.BloomFormat} layout; same keys, same bytes;
 *   <li><b>map</b>: the reader maps the snapshot file in its own Arena and slices the Bloom section;
 *   <li><b>query</b>: {@code BloomView.wrap(slice)} validates the header and length (O(1), no copy), then
 *       {@code view.mightContain(nameUtf8)} answers from one 64-byte block, from any thread, for as long
 *       as the Arena is open.
 * </ol>
 */
package io.graphsnap.bloom;
