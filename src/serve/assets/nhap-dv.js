// chibo serve: the members' register in the forms (content/dang-vien.yaml,
// internal). The register on a day with its numbers, what falls due
// (full membership, Huy hiệu Đảng), and a member added. Loaded before
// nhap.js, which hands over its helpers.
window.chiboDv = function (h) {
  "use strict";
  var el = h.el, field = h.field, input = h.input;

  function show(main, back) {
    main.textContent = "";
    var status = el("p", { role: "status" });
    var day = input("date", { value: h.today() });
    var numbers = el("p", { class: "so-lieu" });
    var due = el("ul", { class: "thang han" });
    var list = el("ul", { class: "thang dang-vien" });
    var problems = el("div", { class: "loi" });
    function load() {
      h.api("GET", "members?date=" + encodeURIComponent(day.value)).then(function (r) {
        if (r.status !== 200) { status.textContent = "Chưa đọc được sổ: " + ((r.data && r.data.message) || r.status); return; }
        var c = r.data.counts;
        numbers.textContent = c.total + " đảng viên (" + c.chinh_thuc + " chính thức, " + c.du_bi + " dự bị); miễn sinh hoạt " + c.mien + "; sinh hoạt tạm thời nơi khác " + c.tam_thoi_di + ".";
        due.textContent = "";
        r.data.due.forEach(function (d) {
          due.appendChild(el("li", { class: d.overdue ? "loi" : "canh-bao" }, [el("span", { class: "ngay", text: h.fmtDate(d.day) + (d.overdue ? " (quá hạn)" : "") }), el("span", { text: d.what })]));
        });
        if (!r.data.due.length) due.appendChild(el("li", { text: "Không có hạn nào trong 60 ngày tới." }));
        list.textContent = "";
        r.data.members.forEach(function (m) {
          list.appendChild(el("li", { "data-id": m.id }, [el("span", { class: "ngay", text: m.id }), el("span", { class: "tieu-de", text: m.name }), el("span", { text: m.post + " · " + m.status })]));
        });
        problems.textContent = r.data.problems.join("\n");
      });
    }
    day.addEventListener("change", load);
    // A member added: the name and the day they came into the cell.
    var form = el("form", { class: "bieu-mau", novalidate: true });
    var name = input("text", { name: "name" });
    var admitted = input("date", { name: "admitted" });
    var ceremony = input("date", { name: "ceremony" });
    var joined = input("date", { name: "joined" });
    [el("h3", { text: "Thêm đảng viên" }), el("div", { class: "loi-chung", tabindex: "-1" }),
      field("name", "Họ và tên", name, null, true),
      el("div", { class: "hang" }, [field("admitted", "Ngày quyết định kết nạp", admitted), field("ceremony", "Ngày lễ kết nạp", ceremony)]),
      field("joined", "Hoặc ngày chuyển đến chi bộ", joined, "Các mục khác (số quyết định, chính thức, miễn sinh hoạt…) ghi tiếp trong content/dang-vien.yaml."),
      el("button", { type: "submit", class: "luu", text: "Thêm vào sổ" })
    ].forEach(function (n) { form.appendChild(n); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      h.api("POST", "member", { name: name.value, admitted: admitted.value, ceremony: ceremony.value, joined: joined.value }).then(function (r) {
        if (r.status === 201) { status.textContent = "Đã thêm " + r.data.id + " vào " + r.data.file + "."; name.value = ""; admitted.value = ""; ceremony.value = ""; joined.value = ""; h.showErrors(form, []); load(); }
        else if (r.status === 400) h.showErrors(form, r.data);
        else h.showErrors(form, [{ field: "", message: (r.data && r.data.message) || ("Lỗi " + r.status) }]);
      });
    });
    main.appendChild(el("section", { class: "bieu-mau" }, [
      el("h2", { text: "Sổ đảng viên (nội bộ, không đăng lên trang)" }),
      field("date", "Xem sổ vào ngày", day), status, numbers, problems,
      el("h3", { text: "Các hạn sắp đến" }), due,
      el("h3", { text: "Danh sách" }), list,
      el("button", { type: "button", text: "Về danh sách mục", on: { click: function () { back(); } } })
    ]));
    main.appendChild(form);
    load();
  }

  return { show: show };
};
