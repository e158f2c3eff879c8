package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.Effects;
import java.util.List;
import java.util.Map;

/**
 * The cheap effects rule of the SCIP front end: a symbol gets effect E when one of its own references (a call, a
 * reference or an import, from its definition's enclosing range) names a symbol of a module listed for E below.
 * Effects then propagate through {@code calls} as for every front end ({@code graphsnap effects}). The rule looks
 * at the referenced symbol's package and first descriptor only, so it needs no type information and costs O(1) per
 * reference.
 *
 * <ul>
 *   <li>Python ({@code scip-python}, package {@code python-stdlib}; the module is the first descriptor up to its
 *       first '.'): {@code io}: os, io, pathlib, shutil, tempfile, glob, fileinput and {@code builtins/open()};
 *       {@code net}: socket, ssl, http, urllib, ftplib, smtplib, poplib, imaplib, xmlrpc, socketserver; {@code db}:
 *       sqlite3, dbm, shelve; {@code process}: subprocess; {@code concurrency}: threading, multiprocessing,
 *       concurrent, _thread; {@code native}: ctypes; {@code reflect}: importlib, inspect.
 *   <li>TypeScript and JavaScript ({@code scip-typescript}): package {@code @types/node}, the module being the
 *       first descriptor without {@code .d.ts}: {@code io}: fs; {@code net}: net, http, https, http2, dgram, tls,
 *       dns; {@code process}: child_process; {@code concurrency}: worker_threads, cluster. Package {@code
 *       typescript}, file {@code lib.dom.d.ts}: {@code fetch}, {@code XMLHttpRequest}, {@code WebSocket}, {@code
 *       EventSource} are {@code net}.
 *   <li>Other languages: none.
 * </ul>
 *
 * Stateless.
 */
public final class EffectRules {
  /** The effect of a subprocess: not one of the Java front end's effects, an open-set addition. */
  public static final String PROCESS = "process";

  private static final Map<String, String> PYTHON = table(
      Effects.IO, List.of("os", "io", "pathlib", "shutil", "tempfile", "glob", "fileinput"),
      Effects.NET, List.of("socket", "ssl", "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib", "xmlrpc", "socketserver"),
      Effects.DB, List.of("sqlite3", "dbm", "shelve"),
      PROCESS, List.of("subprocess"),
      Effects.CONCURRENCY, List.of("threading", "multiprocessing", "concurrent", "_thread"),
      Effects.NATIVE, List.of("ctypes"),
      Effects.REFLECT, List.of("importlib", "inspect"));

  private static final Map<String, String> NODE = table(
      Effects.IO, List.of("fs"),
      Effects.NET, List.of("net", "http", "https", "http2", "dgram", "tls", "dns"),
      PROCESS, List.of("child_process"),
      Effects.CONCURRENCY, List.of("worker_threads", "cluster"));

  private static final List<String> DOM_NET = List.of("fetch", "XMLHttpRequest", "WebSocket", "EventSource");

  private EffectRules() {}

  /** The effect a reference to {@code target} gives its source, or {@code null}. */
  public static String effectOf(ScipSymbol target) {
    if (target.isLocal()) {
      return null;
    }
    List<ScipDescriptor> d = target.descriptors();
    String first = d.getFirst().name();
    switch (target.packageName()) {
      case "python-stdlib" -> {
        if (first.equals("builtins") && d.size() >= 2 && d.get(1).name().equals("open")
            && d.get(1).suffix() == ScipDescriptor.Suffix.METHOD) {
          return Effects.IO;
        }
        int dot = first.indexOf('.');
        return PYTHON.get(dot < 0 ? first : first.substring(0, dot));
      }
      case "@types/node" -> {
        String module = first.endsWith(".d.ts") ? first.substring(0, first.length() - 5) : first;
        int slash = module.indexOf('/');
        return NODE.get(slash < 0 ? module : module.substring(0, slash));
      }
      case "typescript" -> {
        for (int i = 0; i + 1 < d.size(); i++) {
          if (d.get(i).name().equals("lib.dom.d.ts") && DOM_NET.contains(d.get(i + 1).name())) {
            return Effects.NET;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static Map<String, String> table(Object... effectsAndModules) {
    Map<String, String> table = new java.util.HashMap<>();
    for (int i = 0; i < effectsAndModules.length; i += 2) {
      String effect = (String) effectsAndModules[i];
      @SuppressWarnings("unchecked")
      List<String> modules = (List<String>) effectsAndModules[i + 1];
      for (String module : modules) {
        table.put(module, effect);
      }
    }
    return Map.copyOf(table);
  }
}
