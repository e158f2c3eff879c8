package fx.app;

import fx.base.*;

public class Main {
  private final Circle circle = new Circle(2);

  public String run() {
    Shape s = Shape.unit();
    Util.log("%s %s", s.area(), 2);
    Util.log("done");
    helper(circle.scaled(2));
    return circle.scaled(3).describe() + new Leaf().key();
  }

  static double helper(Shape s) {
    return s.area();
  }
}
