package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The name table that picks the one subcommand to register agrees with the annotations; help still lists all. */
class SubcommandIndexTest {
  @Test
  void namesMatchTheAnnotations() {
    Map<String, Class<?>> expected = new HashMap<>();
    for (Class<?> c : GraphsnapCommand.SUBCOMMANDS) {
      CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
      if (a.name().equals("help")) {
        continue;
      }
      expected.put(a.name(), c);
      for (String alias : a.aliases()) {
        expected.put(alias, c);
      }
    }
    Map<String, Class<?>> actual = new HashMap<>();
    SubcommandIndex.NAMES.forEach((name, i) -> actual.put(name, GraphsnapCommand.SUBCOMMANDS.get(i)));
    assertEquals(expected, actual);
  }

  @Test
  void picksTheCommandOrNone() {
    assertEquals(LookupCommand.class, SubcommandIndex.find(new String[] {"-q", "lookup", "x", "--json"}));
    assertEquals(NeighborsCommand.class, SubcommandIndex.find(new String[] {"neighbours", "x"}));
    assertNull(SubcommandIndex.find(new String[] {"help", "lookup"}));
    assertNull(SubcommandIndex.find(new String[] {"lokup", "x"}));
    assertNull(SubcommandIndex.find(new String[] {"--help"}));
  }

  @Test
  void helpAndMisspeltCommandsStillSeeEveryCommand() {
    CliRunner help = CliRunner.run("--help");
    assertTrue(help.out().contains("lookup") && help.out().contains("serve") && help.out().contains("watch"), help.out());
    CliRunner typo = CliRunner.run("lokup", "x");
    assertEquals(ExitCodes.BAD_INPUT, typo.exitCode());
    assertTrue(typo.err().contains("lokup"), typo.err());
  }
}
