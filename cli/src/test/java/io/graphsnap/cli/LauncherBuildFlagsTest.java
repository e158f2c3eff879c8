package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.internal.MapDbC2Workaround;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The launcher's build block writes MapDB's C2 directive itself and then tells the JVM it is applied: its text
 * must stay the one {@link MapDbC2Workaround} would add, or the safeguard would silently go.
 */
class LauncherBuildFlagsTest {
  @Test
  void theLaunchersDirectiveIsTheWorkaroundsOwn() throws Exception {
    Path launcher = Path.of("..", "graphsnap");
    String text = Files.readString(launcher);
    assertTrue(text.contains("c2_directive='" + MapDbC2Workaround.DIRECTIVE + "'"),
        "./graphsnap must write MapDbC2Workaround.DIRECTIVE: " + MapDbC2Workaround.DIRECTIVE);
    assertTrue(text.contains("-Dgraphsnap.mapdb.c2-directive=applied"));
    // HotSpot announces the directives file on its output: it must not land on stdout, which carries the snapshot id
    assertTrue(text.contains("-XX:CompilerDirectivesFile=\"$directive_file\" -XX:+DisplayVMOutputToStderr"));
  }
}
