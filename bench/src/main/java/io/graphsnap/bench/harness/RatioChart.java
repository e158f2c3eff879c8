package io.graphsnap.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code bench/results/<scale>.png} with XChart: one bar per comparison (peer ÷ graphsnap, log scale, so
 * that 1 is parity) beside a bar for the goal where issue 7 sets one. Rows without a figure are left out.
 * Headless; stateless.
 */
public final class RatioChart {
  private RatioChart() {}

  /** Writes the chart of {@code rows} to {@code file} (PNG). */
  public static void write(Path file, String title, List<Repeated> rows) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> labels = new ArrayList<>();
    List<Double> measured = new ArrayList<>();
    List<Double> goals = new ArrayList<>();
    for (Repeated x : rows) {
      Comparison c = x.row();
      double a = x.medianRatio();
      if (Double.isNaN(a)) {
        continue;
      }
      labels.add(c.measure().replaceAll(" \\(.*\\)", "").replaceAll(":.*", "") + " vs " + c.peer()
          + (c.section().equals(Report.API) ? " (API)" : ""));
      measured.add(a);
      goals.add(c.hasGoal() ? c.goal() : null);
    }
    CategoryChart chart = new CategoryChartBuilder().width(1600).height(1100).title(title)
        .xAxisTitle("").yAxisTitle("peer ÷ graphsnap (log scale; above the line at 1: graphsnap better)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setXAxisLabelRotation(55);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setChartTitleVisible(true);
    if (labels.isEmpty()) {
      labels.add("no figures");
      measured.add(1.0);
      goals.add(null);
    }
    double min = 1;
    double max = 1;
    for (int i = 0; i < measured.size(); i++) {
      min = Math.min(min, measured.get(i));
      max = Math.max(max, measured.get(i));
      if (goals.get(i) != null) {
        min = Math.min(min, goals.get(i));
        max = Math.max(max, goals.get(i));
      }
    }
    // Bars start at zero unless told otherwise, which a logarithmic axis refuses.
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
    chart.addSeries("measured", labels, measured);
    chart.addAnnotation(new AnnotationLine(1.0, false, false));
    chart.addSeries("goal (issue 7)", labels, goals);
    Files.createDirectories(file.toAbsolutePath().getParent());
    String name = file.toString();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
