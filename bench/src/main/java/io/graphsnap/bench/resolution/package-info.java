/**
 * The call-graph accuracy oracle: javac's bytecode against graphsnap's {@code calls} edges.
 *
 * <p>Life cycle: {@link io.graphsnap.bench.resolution.ResolutionOracle#run} reads the compiled classes
 * ({@code BytecodeClasses}, with {@code java.lang.classfile}) → extracts the sources through the real code path
 * ({@link io.graphsnap.frontend.java.ParallelExtraction}) → maps every {@code invoke*} target of the project to
 * graphsnap's name for its declaration → scores each (file, target) pair found, wrong or unresolved →
 * {@code bench/results/resolution.md} holds the figures.
 */
package io.graphsnap.bench.resolution;
