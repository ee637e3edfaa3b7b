using System.Text;

namespace GemPix.Protection.Tests;

public sealed class MarkedValueScannerTests
{
    [Fact]
    public void Finds_every_marked_value_with_its_json_pointer_span_scope_and_asset()
    {
        const string json =
            """{"a":{"$personal":"x"},"list":[1,{"$billing":{"n":[1,2]}},{"deep":{"$personal":"é","asset":"0195f3a0-0000-7000-8000-000000000001"}}],"we/ird~":{"$personal":null},"esc\u0061ped":{"$personal":3},"$erased":"personal","plain":{"p":"$personal"}}""";
        var utf8 = Encoding.UTF8.GetBytes(json);

        var found = MarkedValueScanner.Scan(utf8);

        found.Select(f => f.Path).Should().Equal("/a", "/list/1", "/list/2/deep", "/we~1ird~0", "/escaped");
        found.Select(f => Encoding.UTF8.GetString(utf8, f.ValueStart, f.ValueEnd - f.ValueStart)).Should().Equal("\"x\"", "{\"n\":[1,2]}", "\"é\"", "null", "3");
        found.Select(f => f.IsBilling).Should().Equal(false, true, false, false, false);
        found[2].AssetId.Should().Be(Guid.Parse("0195f3a0-0000-7000-8000-000000000001"));
        Encoding.UTF8.GetString(utf8, found[0].ObjectStart, found[0].ObjectEnd - found[0].ObjectStart).Should().Be("{\"$personal\":\"x\"}");
    }

    [Fact]
    public void A_marked_object_with_anything_else_in_it_is_refused()
    {
        var act = () => MarkedValueScanner.Scan(Encoding.UTF8.GetBytes("""{"a":{"$personal":"x","other":1}}"""));

        act.Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public void Json_without_markers_yields_nothing() =>
        MarkedValueScanner.Scan(Encoding.UTF8.GetBytes("""{"a":[1,2,{"b":"c"}],"d":null}""")).Should().BeEmpty();
}
