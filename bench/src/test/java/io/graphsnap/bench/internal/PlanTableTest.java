package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanTableTest {
  @Test
  void everyPlanComesBackWhole() {
    SplittableRandom r = new SplittableRandom(2);
    PlanTable table = new PlanTable(10_000);
    FilePlan[] plans = new FilePlan[10_000];
    for (int i = 0; i < plans.length; i++) {
      plans[i] = i < 4 ? new FilePlan(FileRole.values()[i], (1 << 28) - 1, 3, 65_535, 65_535)
          : FilePlan.draw(r, 1 + r.nextInt(1 << 20));
      table.set(i, plans[i]);
    }
    for (int i = 0; i < plans.length; i++) {
      assertEquals(plans[i], table.get(i));
      assertEquals(plans[i].role(), table.role(i));
      assertEquals(plans[i].packageIndex(), table.packageIndex(i));
      assertEquals(plans[i].fields(), table.fields(i));
    }
  }

  @Test
  void aPlanThatDoesNotFitIsRefused() {
    PlanTable table = new PlanTable(1);
    assertThrows(IllegalArgumentException.class, () -> table.set(0, new FilePlan(FileRole.PYTHON, 1 << 28, 0, 1, 0)));
    assertThrows(IllegalArgumentException.class, () -> table.set(0, new FilePlan(FileRole.PYTHON, 0, 0, 65_536, 0)));
  }
}
