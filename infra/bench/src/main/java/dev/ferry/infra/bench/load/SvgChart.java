package dev.ferry.infra.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A line chart as inline SVG, so that a report is one HTML file that opens anywhere
 * without scripts or a network. The y axis is logarithmic unless told otherwise:
 * latencies of one run span milliseconds to minutes.
 */
final class SvgChart {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 320;

	private static final int LEFT = 70;

	private static final int RIGHT = 40;

	private static final int TOP = 30;

	private static final int BOTTOM = 50;

	private static final String[] COLOURS = { "#1f6feb", "#d1242f", "#2da44e", "#bf8700", "#8250df" };

	private final String title;

	private final String xLabel;

	private final String yLabel;

	private final Map<String, List<double[]>> series = new LinkedHashMap<>();

	private DoubleFunction<String> xTickLabel = (x) -> format(x);

	private final List<Double> xTicks = new ArrayList<>();

	private boolean linear;

	SvgChart(String title, String xLabel, String yLabel) {
		this.title = title;
		this.xLabel = xLabel;
		this.yLabel = yLabel;
	}

	/**
	 * Points as {x, y}; on a logarithmic axis points with y ≤ 0 are left out. Call
	 * {@link #linearY()} first for a linear one.
	 */
	SvgChart series(String name, List<double[]> points) {
		this.series.put(name, points.stream().filter((point) -> this.linear || point[1] > 0).toList());
		return this;
	}

	/** A linear y axis from 0, for quantities such as memory. */
	SvgChart linearY() {
		this.linear = true;
		return this;
	}

	/** Fixed x ticks with their labels instead of evenly spaced numbers. */
	SvgChart xTicks(List<Double> ticks, DoubleFunction<String> label) {
		this.xTicks.addAll(ticks);
		this.xTickLabel = label;
		return this;
	}

	String render() {
		List<double[]> all = this.series.values().stream().flatMap(List::stream).toList();
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(text(WIDTH / 2.0, 18, this.title, "middle", "bold"));
		if (all.isEmpty()) {
			return svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle", "normal"))
				.append("</svg>")
				.toString();
		}
		double minX = all.stream().mapToDouble((point) -> point[0]).min().orElse(0);
		double maxX = all.stream().mapToDouble((point) -> point[0]).max().orElse(1);
		if (maxX == minX) {
			maxX = minX + 1;
		}
		DoubleFunction<Double> toAxis = this.linear ? (value) -> value : Math::log10;
		double maxY = all.stream().mapToDouble((point) -> point[1]).max().orElse(10);
		double low;
		double high;
		double tickStep;
		if (this.linear) {
			tickStep = evenStep(0, maxY);
			low = 0;
			high = Math.ceil(maxY / tickStep) * tickStep;
		}
		else {
			low = Math.floor(Math.log10(all.stream().mapToDouble((point) -> point[1]).min().orElse(1)));
			high = Math.max(Math.ceil(Math.log10(maxY)), low + 1);
			tickStep = 1;
		}
		Scale x = new Scale(minX, maxX, LEFT, WIDTH - RIGHT);
		Scale y = new Scale(low, high, HEIGHT - BOTTOM, TOP);
		for (double tick = low; tick <= high + 1e-9; tick += tickStep) {
			double at = y.at(tick);
			svg.append(line(LEFT, at, WIDTH - RIGHT, at, "#e3e7ee"));
			svg.append(text(LEFT - 6, at + 4, format(this.linear ? tick : Math.pow(10, tick)), "end", "normal"));
		}
		List<Double> ticks = this.xTicks.isEmpty() ? evenTicks(minX, maxX) : this.xTicks;
		for (double tick : ticks) {
			svg.append(line(x.at(tick), HEIGHT - BOTTOM, x.at(tick), HEIGHT - BOTTOM + 5, "#6b7688"));
			svg.append(text(x.at(tick), HEIGHT - BOTTOM + 18, this.xTickLabel.apply(tick), "middle", "normal"));
		}
		svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#6b7688"));
		svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#6b7688"));
		svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, this.xLabel, "middle", "normal"));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
				HEIGHT / 2.0, HEIGHT / 2.0, escape(this.yLabel)));
		int index = 0;
		for (Map.Entry<String, List<double[]>> entry : this.series.entrySet()) {
			String colour = COLOURS[index % COLOURS.length];
			StringBuilder points = new StringBuilder();
			for (double[] point : entry.getValue()) {
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(point[0]), y.at(toAxis.apply(point[1]))));
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points));
			double legendX = LEFT + 10 + index * 170;
			svg.append(line(legendX, TOP + 8, legendX + 18, TOP + 8, colour));
			svg.append(text(legendX + 22, TOP + 12, entry.getKey(), "start", "normal"));
			index++;
		}
		return svg.append("</svg>\n").toString();
	}

	private static List<Double> evenTicks(double min, double max) {
		double step = evenStep(min, max);
		List<Double> ticks = new ArrayList<>();
		for (double tick = Math.ceil(min / step) * step; tick <= max; tick += step) {
			ticks.add(tick);
		}
		return ticks;
	}

	/** A round step that gives from 2 to 10 ticks. */
	private static double evenStep(double min, double max) {
		double step = Math.pow(10, Math.floor(Math.log10((max - min) / 2)));
		if ((max - min) / step > 10) {
			step *= 2.5;
		}
		return step;
	}

	private static String line(double x1, double y1, double x2, double y2, String colour) {
		return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1,
				y1, x2, y2, colour);
	}

	private static String text(double x, double y, String text, String anchor, String weight) {
		return String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n", x, y, anchor, weight,
				escape(text));
	}

	static String format(double value) {
		if (value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%s", value);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** Maps a value range onto a pixel range. */
	private record Scale(double from, double to, double pixelFrom, double pixelTo) {

		double at(double value) {
			return this.pixelFrom + (value - this.from) / (this.to - this.from) * (this.pixelTo - this.pixelFrom);
		}

	}

}
