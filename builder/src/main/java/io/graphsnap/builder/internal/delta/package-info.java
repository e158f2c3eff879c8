/**
 * Not API: the incremental build. {@code DeltaBuild} opens the base ({@code BaseSnapshot}: the reader's view plus
 * a raw mapping), {@code DeltaPlanner} reads the changed objects and resolves every touched name
 * ({@code NameResolver}), {@code DeltaAssembler} turns the states into a {@code Delta} with final ids (node and
 * file {@code Splice}s, dictionaries, sorted edge lists), and {@code DeltaSections} writes the new file by
 * copying the base's sections around the changes ({@code ListSplicer}, {@code CsrSplicer}, {@code
 * EffectBitmaps}), evicting each base section from the page cache once copied ({@code Drain}) and re-hashing
 * the Bloom filter and building the bitmaps on a background thread ({@code SideWork}). May change without
 * notice.
 */
package io.graphsnap.builder.internal.delta;
