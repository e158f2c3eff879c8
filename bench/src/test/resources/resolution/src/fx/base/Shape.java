package fx.base;

public abstract class Shape {
  public abstract double area();

  public String describe() {
    return name() + area();
  }

  protected String name() {
    return "shape";
  }

  public static Shape unit() {
    return new Circle(1);
  }
}
