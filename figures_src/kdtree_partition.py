"""kd-tree partition of 30 points in 2-D (median splits, axes cycling x1, x2, x1, ...), with a query
whose best point after the descent is not its nearest neighbor: backtracking finds the true one."""
import numpy as np
from matplotlib.patches import Circle

from style import color, new_figure, palette, pick

BOX = (0.0, 10.0)


def build(points, idx, depth, lo, hi, splits):
    """Median split on axis depth % 2; the median point sits on the splitting line (one point per node).
    ``splits`` collects (depth, axis, value, cell lower corner, cell upper corner) for drawing."""
    if len(idx) == 0:
        return None
    axis = depth % 2
    idx = idx[np.argsort(points[idx, axis], kind="stable")]
    m = len(idx) // 2
    value = points[idx[m], axis]
    splits.append((depth, axis, value, lo.copy(), hi.copy()))
    hi_left, lo_right = hi.copy(), lo.copy()
    hi_left[axis], lo_right[axis] = value, value
    return {"i": idx[m], "axis": axis,
            "left": build(points, idx[:m], depth + 1, lo, hi_left, splits),
            "right": build(points, idx[m + 1:], depth + 1, lo_right, hi, splits)}


def descend(node, points, q):
    """Index of the current best when the plain root-to-leaf descent ends: the closest of the points
    stored on the path (step 1 of the search, before any backtracking)."""
    best, best_dist = None, np.inf
    while node is not None:
        x = points[node["i"]]
        d = np.linalg.norm(x - q)
        if d < best_dist:
            best, best_dist = node["i"], d
        node = node["left"] if q[node["axis"]] < x[node["axis"]] else node["right"]
    return best


def draw(lang):
    rng = np.random.default_rng(3)
    points = rng.uniform(0.4, 9.6, size=(30, 2))
    splits = []
    tree = build(points, np.arange(len(points)), 0, np.array([BOX[0]] * 2), np.array([BOX[1]] * 2), splits)

    # a query whose current best after the descent is not its nearest neighbor, so the search must
    # backtrack; the nearest neighbor is visibly unique and the query is not sitting on a splitting line.
    # Among such queries on a grid, take the one whose descent result is farthest (relative to the answer).
    def distance_to_lines(q):
        return min(abs(q[axis] - value) for _, axis, value, lo, hi in splits if lo[1 - axis] <= q[1 - axis] <= hi[1 - axis])

    best_score, query = 0.0, None
    for qx in np.linspace(2.5, 7.5, 51):
        for qy in np.linspace(2.5, 7.5, 51):
            q = np.array([qx, qy])
            dist = np.linalg.norm(points - q, axis=1)
            nn, first = int(np.argmin(dist)), descend(tree, points, q)
            second = np.partition(dist, 1)[1]
            if first != nn and second > 1.3 * dist[nn] and 0.7 <= dist[nn] <= 1.3 \
                    and distance_to_lines(q) > 0.25 and dist[first] / dist[nn] > best_score:
                best_score, query = dist[first] / dist[nn], q
    assert query is not None, "no query needs backtracking"
    dist = np.linalg.norm(points - query, axis=1)
    nn, first = int(np.argmin(dist)), descend(tree, points, query)

    fig, ax = new_figure(6.4, 7.8)
    max_depth = max(s[0] for s in splits)
    widths = np.linspace(2.6, 0.8, max_depth + 1)
    depth_colors = [color(i) for i in (0, 1, 2, 4, 6, 5)]   # color 3 is kept for the query
    seen = set()
    for depth, axis, value, lo, hi in splits:
        label = None
        if depth not in seen:
            seen.add(depth)
            name = "x_1" if axis == 0 else "x_2"
            label = pick(lang, f"深度 {depth}：按 ${name}$ 切分", f"depth {depth}: split on ${name}$")
        if axis == 0:
            ax.plot([value, value], [lo[1], hi[1]], color=depth_colors[depth], linewidth=widths[depth],
                    label=label)
        else:
            ax.plot([lo[0], hi[0]], [value, value], color=depth_colors[depth], linewidth=widths[depth],
                    label=label)

    ax.scatter(points[:, 0], points[:, 1], s=22, color=palette()["fg"], zorder=4)
    ax.add_patch(Circle(query, dist[first], fill=False, linestyle="--", linewidth=1.4,
                        edgecolor=palette()["muted"], zorder=3))
    ax.add_patch(Circle(query, dist[nn], fill=False, linewidth=1.6, edgecolor=color(3), zorder=3))
    ax.scatter(*query, marker="*", s=220, color=color(3), zorder=5,
               label=pick(lang, "查询点 $\\mathbf{q}$", "query $\\mathbf{q}$"))
    ax.scatter(*points[first], s=110, facecolors="none", edgecolors=palette()["muted"], linewidths=1.6, zorder=5,
               label=pick(lang, "下行结束时的当前最近点", "current best after the descent"))
    ax.scatter(*points[nn], s=110, facecolors="none", edgecolors=color(3), linewidths=1.8, zorder=5,
               label=pick(lang, "回溯后找到的真正最近邻", "true nearest neighbor (after backtracking)"))

    ax.set_xlim(*BOX)
    ax.set_ylim(*BOX)
    ax.set_aspect("equal")
    ax.grid(False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(pick(lang, f"kd 树对 {len(points)} 个点的划分（中位数切分，坐标轴轮换）",
                      f"kd-tree partition of {len(points)} points (median splits, cycling axes)"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=9)
    return fig
