using System.Text.Json.Nodes;

namespace ItaBot.Chat;

/// <summary>Answers several handlers give in the same words.</summary>
public static class Replies
{
    public static List<JsonObject> NoOrganization() => Say.One(
        "บัญชี LINE นี้ยังไม่ได้ตั้งค่าว่าใช้กับหน่วยงานใดครับ ผู้ดูแลระบบต้องกำหนดชื่อหน่วยงานในค่า Line__Organization ของระบบก่อน");

    public static List<JsonObject> NoUser() => Say.One(
        "ขออภัยครับ LINE ไม่ได้บอกว่าใครส่งข้อความนี้ จึงบันทึกให้ไม่ได้ ลองอัปเดตแอป LINE หรือพิมพ์ในแชทส่วนตัวกับบอทครับ");

    public static List<JsonObject> NoOpenRound() => Say.One(
        "ขณะนี้ไม่มีรอบรายงานที่เปิดอยู่ครับ ผู้ดูแลระบบเปิดรอบได้ด้วยคำสั่ง \"เปิดรอบ\"");

    public static List<JsonObject> AdminsOnly(string what) => Say.One(
        $"ขออภัยครับ 🙏 {what}ใช้ได้เฉพาะผู้ดูแลระบบ (ผู้ที่ตั้งค่าไว้ในระบบ หรือสมาชิกกลุ่มผู้ดูแล)");

    public static List<JsonObject> GroupsOnly(string what) => Say.One(
        $"คำสั่ง {what} ใช้ในกลุ่ม LINE ของหน่วยงานครับ เชิญบอทเข้ากลุ่มแล้วพิมพ์คำสั่งนี้ในกลุ่ม");

    public static readonly string[] CancelChoice = ["ยกเลิก"];
    public static readonly string[] SkipChoices = ["ข้าม", "ยกเลิก"];
}
