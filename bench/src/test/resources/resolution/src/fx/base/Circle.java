package fx.base;

public class Circle extends Shape {
  private final double r;

  public Circle(double r) {
    this.r = r;
  }

  @Override
  public double area() {
    return Math.PI * r * r;
  }

  public Circle scaled(double f) {
    return new Circle(r * f);
  }
}
