using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Line;

/// <summary>
/// LINE's Flex limits and how content is packed to stay inside them: a bubble ≤ 30 KB, a carousel ≤ 12 bubbles and
/// ≤ 50 KB, counted as the compact UTF-8 JSON sent. Rows fill bubbles, bubbles fill carousels, with a margin for
/// the page numbers and headers added afterwards.
/// </summary>
public static class FlexPacking
{
    public const int MaxBubbleBytes = 30 * 1024;
    public const int MaxCarouselBytes = 50 * 1024;
    public const int MaxBubblesPerCarousel = 12;

    /// <summary>What packing aims at, leaving room for what is added after a page is filled.</summary>
    public const int BubbleBudget = 27_000, CarouselBudget = 47_000;

    /// <summary>Size as LINE counts it: the compact JSON sent (Thai as UTF-8, not escaped).</summary>
    public static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString(LineJson.Options));

    /// <summary>True when a carousel (or a bubble) is inside every limit.</summary>
    public static bool Fits(JsonObject contents)
    {
        if (contents["type"]?.GetValue<string>() != "carousel") return Bytes(contents) <= MaxBubbleBytes;
        var bubbles = contents["contents"]!.AsArray();
        return bubbles.Count <= MaxBubblesPerCarousel && Bytes(contents) <= MaxCarouselBytes && bubbles.All(b => Bytes(b!) <= MaxBubbleBytes);
    }

    /// <summary>Fills pages row by row, starting a new one when the next row would pass <paramref name="maxRows"/> or the bubble budget.</summary>
    public static List<List<JsonObject>> Pages(IReadOnlyList<JsonObject> rows, int maxRows, Func<IReadOnlyList<JsonObject>, JsonObject> bubble)
    {
        var pages = new List<List<JsonObject>>();
        var current = new List<JsonObject>();
        var emptyBytes = Bytes(bubble([]));
        var bytes = emptyBytes;
        foreach (var row in rows)
        {
            var rowBytes = Bytes(row) + 1;
            if (current.Count > 0 && (current.Count >= maxRows || bytes + rowBytes > BubbleBudget))
            {
                pages.Add(current);
                current = [];
                bytes = emptyBytes;
            }
            current.Add(row);
            bytes += rowBytes;
        }
        pages.Add(current);
        return pages;
    }

    /// <summary>One bubble goes alone; more go into carousels of at most 12 bubbles within the carousel budget.</summary>
    public static List<JsonObject> Carousels(IReadOnlyList<JsonObject> bubbles)
    {
        if (bubbles.Count == 1) return [bubbles[0]];
        var carousels = new List<JsonObject>();
        var current = new JsonArray();
        var bytes = 0;
        foreach (var bubble in bubbles)
        {
            var size = Bytes(bubble) + 1;
            if (current.Count > 0 && (current.Count >= MaxBubblesPerCarousel || bytes + size > CarouselBudget))
            {
                carousels.Add(Carousel(current));
                current = [];
                bytes = 0;
            }
            current.Add(bubble);
            bytes += size;
        }
        carousels.Add(Carousel(current));
        return carousels;
    }

    static JsonObject Carousel(JsonArray bubbles) => new() { ["type"] = "carousel", ["contents"] = bubbles };
}
